"""Versioned names of the extractors: bump one when its output changes.

Written to OUT/manifest.json ("extractors"), so a user can tell which batches
were read by which version. Kept apart from the extractors so that writing a
manifest does not import them.
"""

VERSIONS = {
    "summary": "summary@5", "contracts": "contracts@2", "applications": "applications@1",
    "winners": "winners@2", "recipients": "recipients@5", "partners": "partners@3", "events": "events@1",
    "indicators": "indicators@2", "demographics": "demographics@2", "amounts": "amounts@6",
    # the batch-wide linking too: people@2 compares two spellings only when two of their
    # parts meet, and a change inside a name's first four letters is another name
    "people": "people@2",
}
