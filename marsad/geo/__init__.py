"""Places: gazetteer, recognition, disambiguation and geocoding (see docs/gazetteer.md)."""
