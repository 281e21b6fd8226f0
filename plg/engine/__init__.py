"""The core: method definitions, their validation and machines, checklists, the engine."""
