"""provenance: source-attribution and claim-provenance checker for news."""

__version__ = "0.1.0"
