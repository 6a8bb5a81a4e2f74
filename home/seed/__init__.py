"""Demo content for the CARE site: the real landing-page text and a plausible site around it.
`seed_demo` builds it; see `build.py`."""
