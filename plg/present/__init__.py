"""How a team and its work are shown: views in the reader's language, the documents and
diagrams made from them, and the templates they share with the web page."""
