"""verifier: checks that what an article cites is there."""

from verifier.records import VERSION

__version__ = VERSION
