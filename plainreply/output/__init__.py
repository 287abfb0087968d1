"""Reports rendered for people (text) and for programs (JSON)."""
