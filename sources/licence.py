"""The licence the directory's data is published under, and the boundaries' attribution."""

OGL = {
    "name": "Open Government Licence v3.0",
    "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}
OS_ATTRIBUTION = "Contains OS data © Crown copyright and database right"
# An HTTP Link header (RFC 8288) naming the licence of a download.
LINK_HEADER = f'<{OGL["url"]}>; rel="license"'
