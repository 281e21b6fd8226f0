"""`python -m plg` runs the command line."""

from plg.cli import main

main()
