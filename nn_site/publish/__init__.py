"""Publishing: versions (the public URL, a release's checks), "cite this page", the figure
gallery; site.py holds their hooks."""
