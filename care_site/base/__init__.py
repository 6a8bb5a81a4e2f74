"""The base layer: what every page type shares (the abstract page, blocks, API serialisers,
locale helpers) and the site's one cache. It imports no feature app; every app may import it."""
