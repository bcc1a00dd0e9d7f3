"""marsad (مرصد): Arabic news to evidence-linked conflict event data, natively in Arabic, offline."""

__version__ = "0.1.0"
