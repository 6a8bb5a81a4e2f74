"""The CARE landing-page text (shared/content/care-landing-page.txt), word for word, and the
demo content around it. Dates are computed when the seed runs, never at import."""

SITE_NAME = "Collaborative for Anti-Racism & Equity (CARE)"

HOME = {
    "title": SITE_NAME,
    "seo_title": "Collaborative for Anti-Racism & Equity",
    "summary": (
        "A space for anyone engaging in health equity, racial equity, and anti-racism work to "
        "access essential resources."
    ),
    "intro": (
        "<p>This Collaborative started as a group of partners all working to understand and "
        "support the movement to address racism as a public health crisis. Over the past year, "
        "it has evolved and expanded, connecting partners who are advancing health and racial "
        "equity through research, communication, policy, advocacy, and the development of "
        "resources and frameworks. This is a space for anyone engaging in health equity, racial "
        "equity, and anti-racism work to access essential resources to inform your work, whether "
        "you are just starting out or are further along in your journey.</p>"
    ),
    "community_heading": "Share Your Voice: Join the Peer Learning Community",
    "community_text": (
        "<p>The Anti-Racism in Public Health Peer Learning Community launched in January 2023. "
        "Be a part of the community and connect with other public health practitioners, "
        "community organizers, health departments, and other partners to share, learn, and grow "
        "in the work around declarations of racism as a public health crisis. Register at the "
        "link to be informed about future meeting dates.</p>"
    ),
    "register_label": "Register for the Peer Learning Community",
    "next_meeting_intro": "The next meeting is",
    "no_meeting_text": "New meeting dates will be announced soon.",
    "featured_heading": "Featured Resources",
    "suggest_heading": "Suggest Resources to Share",
    "suggest_text": (
        "<p>The Collaborative wants to uplift examples of work being done to advance health and "
        "racial equity. Let us know about laws, policies, best practices, or research to "
        "highlight.</p>"
    ),
    "suggest_label": "Suggest a resource",
    "image_alt": (
        "A multi-ethnic, multi generational group openly discusses issues in their community."
    ),
    "partners_heading": "Collaborative Partners",
    "partners_text": (
        "<p>Learn more about each of the Collaborative’s Core Partners and find key resources "
        "developed by each partner to advance health equity, racial equity, and anti-racism "
        "action.</p>"
    ),
    "partners_link_label": "Meet the Collaborative’s partners",
    "connect_heading": "Connect with Us",
    "connect_text": (
        "<p>Connect with the collaborative by submitting a question, sharing an idea, suggesting "
        "a law, policy, or best practice, or by joining the learning community.</p>"
    ),
    "connect_label": "Connect with us",
}

# The three featured resources, with the seed text's exact descriptions.
FEATURED_RESOURCES = [
    {
        "slug": "overview-of-state-and-local-equity-offices",
        "title": "Overview of State and Local Equity Offices",
        "summary": (
            "This resource from the Network for Public Health Law details examples of city and "
            "county equity offices in twelve states, including their structure, duties, and "
            "responsibilities. These offices vary in structure and scope but provide the "
            "infrastructure necessary to advance anti-racism and equity in practice. Readers can "
            "also share examples of offices in other jurisdictions via a linked form."
        ),
        "external_url": "https://www.networkforphl.org/resources/",
        "publisher_partner": "network-for-public-health-law",
        "publication_date": (2023, 3, 1),
        "resource_type": "report",
        "topics": ["policy-and-law", "government-practice"],
    },
    {
        "slug": "ceo-action-video-social-determinants-of-health",
        "title": "CEO Action for Racial Equity Video: Social Determinants of Health",
        "summary": (
            "Learn about how differences across the social determinants of health (SDOH) – or "
            "the factors that shape our living and work environments – can shape how we survive "
            "and thrive. These differences can lead to worse health outcomes for historically "
            "marginalized communities, especially Black Americans, but we have opportunities to "
            "address these outcomes through clear and targeted policies rooted in equity."
        ),
        "external_url": "https://www.ceoaction.com/",
        "publisher_name": "CEO Action for Racial Equity",
        "publication_date": (2022, 6, 1),
        "resource_type": "video",
        "topics": ["social-determinants-of-health"],
    },
    {
        "slug": "2023-county-health-rankings-national-findings-report",
        "title": "2023 County Health Rankings National Findings Report",
        "summary": (
            "This year’s report focuses on the connection between civic health and thriving "
            "people and places. Civic health includes two elements – civic infrastructure and "
            "civic participation. It starts in our local communities and is the cornerstone of "
            "our democracy, representing promise, opportunity, belonging and shared "
            "responsibility. Civic infrastructure varies in regions of the US that have faced "
            "longstanding discrimination and disinvestment."
        ),
        "external_url": "https://www.countyhealthrankings.org/",
        "publisher_name": "County Health Rankings & Roadmaps",
        "publication_date": (2023, 3, 29),
        "resource_type": "report",
        "topics": ["data-and-research", "civic-health"],
    },
]

TOPICS = [
    ("policy-and-law", "Policy and law"),
    ("government-practice", "Government practice"),
    ("social-determinants-of-health", "Social determinants of health"),
    ("data-and-research", "Data and research"),
    ("civic-health", "Civic health"),
    ("community-engagement", "Community engagement"),
]

RESOURCE_TYPES = [
    ("report", "Report"),
    ("video", "Video"),
    ("toolkit", "Toolkit"),
    ("law-or-policy", "Law or policy"),
]

PARTNERS = [
    {
        "slug": "network-for-public-health-law",
        "title": "Network for Public Health Law",
        "summary": "Legal technical assistance and resources for public health practitioners.",
        "description": (
            "<p>The Network for Public Health Law provides insights and legal technical "
            "assistance on public health law, including laws and policies that advance health "
            "and racial equity.</p>"
        ),
        "website": "https://www.networkforphl.org/",
        "colour": "#2f6f73",
    },
    {
        "slug": "demo-partner-community-health-institute",
        "title": "Community Health Equity Institute (demo partner)",
        "summary": "Demo partner: research and training on community-led health equity.",
        "description": (
            "<p>This is a demonstration partner created by the demo content. Replace it with a "
            "real partner in the admin.</p>"
        ),
        "website": "https://example.org/",
        "colour": "#7a5c99",
    },
    {
        "slug": "demo-partner-health-departments-alliance",
        "title": "Health Departments for Equity Alliance (demo partner)",
        "summary": "Demo partner: a network of local health departments acting on equity.",
        "description": (
            "<p>This is a demonstration partner created by the demo content. Replace it with a "
            "real partner in the admin.</p>"
        ),
        "website": "https://example.org/",
        "colour": "#b85c38",
    },
]

FORMS = {
    "suggest": {
        "slug": "suggest-a-resource",
        "title": "Suggest a resource",
        "summary": "Tell the Collaborative about a law, policy, best practice or research.",
        "intro": (
            "<p>The Collaborative wants to uplift examples of work being done to advance health "
            "and racial equity. Tell us about a resource and why it matters.</p>"
        ),
        "thank_you_text": (
            "<p>Thank you for your suggestion. The Collaborative reviews every suggestion and may "
            "contact you if we have questions.</p>"
        ),
        "submit_label": "Send suggestion",
        "subject": "New resource suggestion",
        "fields": [
            ("Your name", "singleline", True, "", ""),
            ("Email address", "email", True, "", "So we can follow up about your suggestion."),
            ("Resource title", "singleline", True, "", ""),
            ("Link to the resource", "url", False, "", "The web address, if it is online."),
            (
                "Kind of resource",
                "radio",
                True,
                "Law\nPolicy\nBest practice\nResearch\nOther",
                "",
            ),
            ("Why it matters", "multiline", True, "", "How could others use it in their work?"),
        ],
    },
    "connect": {
        "slug": "connect-with-us",
        "title": "Connect with us",
        "summary": "Ask a question, share an idea, or join the learning community.",
        "intro": (
            "<p>Connect with the collaborative by submitting a question, sharing an idea, "
            "suggesting a law, policy, or best practice, or by joining the learning "
            "community.</p>"
        ),
        "thank_you_text": "<p>Thank you for getting in touch. We will reply by email.</p>",
        "submit_label": "Send message",
        "subject": "New message from the website",
        "fields": [
            ("Your name", "singleline", True, "", ""),
            ("Email address", "email", True, "", "We reply to this address."),
            (
                "What is it about?",
                "radio",
                True,
                "A question\nAn idea\nSuggest a law, policy or best practice\n"
                "Join the learning community",
                "",
            ),
            ("Message", "multiline", True, "", ""),
        ],
    },
    "register": {
        "slug": "register",
        "title": "Register for the Peer Learning Community",
        "summary": "Be told about future meeting dates of the Peer Learning Community.",
        "intro": (
            "<p>Register to be informed about future meeting dates of the Anti-Racism in Public "
            "Health Peer Learning Community.</p>"
        ),
        "thank_you_text": (
            "<p>Thank you for registering. We will email you the dates of future meetings.</p>"
        ),
        "submit_label": "Register",
        "subject": "New Peer Learning Community registration",
        "fields": [
            ("Your name", "singleline", True, "", ""),
            ("Email address", "email", True, "", "Meeting dates are sent to this address."),
            ("Organization", "singleline", False, "", "Your health department or organization."),
            ("Role", "singleline", False, "", "For example: epidemiologist, organizer."),
        ],
    },
}

COMMUNITY = {
    "slug": "peer-learning-community",
    "title": "Peer Learning Community",
    "summary": (
        "Connect with public health practitioners, community organizers and health departments "
        "working on declarations of racism as a public health crisis."
    ),
    "intro": (
        "<p>The Anti-Racism in Public Health Peer Learning Community launched in January 2023. "
        "Be a part of the community and connect with other public health practitioners, "
        "community organizers, health departments, and other partners to share, learn, and grow "
        "in the work around declarations of racism as a public health crisis.</p>"
    ),
    "register_text": "Register at the link to be informed about future meeting dates.",
}

PAST_EVENTS = [
    {
        "slug": "peer-learning-community-launch",
        "title": "Peer Learning Community launch",
        "summary": "The first meeting of the Anti-Racism in Public Health Peer Learning Community.",
        "start": (2023, 1, 23, 14, 0),
        "minutes": 90,
        "body": (
            "The Anti-Racism in Public Health Peer Learning Community launched in January 2023, "
            "bringing together practitioners working on declarations of racism as a public "
            "health crisis."
        ),
    },
    {
        "slug": "peer-learning-meeting-2023-07-24",
        "title": "Peer Learning Community meeting, July 2023",
        "summary": "Members share progress on turning declarations into action.",
        "start": (2023, 7, 24, 14, 0),
        "minutes": 90,
        "body": "Members shared how their jurisdictions are turning declarations into action.",
    },
]

FUTURE_MEETING = {
    "title": "Peer Learning Community meeting",
    "summary": "A monthly meeting of the Peer Learning Community, held online.",
    "body": (
        "Join peers from health departments and community organizations to share what is "
        "working, and what is hard, in anti-racism work."
    ),
    "hour": 14,
    "minutes": 90,
}

STANDARD_PAGES = [
    {
        "slug": "about",
        "title": "About the Collaborative",
        "summary": "Who we are and how the Collaborative works.",
        "show_in_menus": True,
        "body": [
            (
                "paragraph",
                "<p>The Collaborative for Anti-Racism &amp; Equity connects partners who are "
                "advancing health and racial equity through research, communication, policy, "
                "advocacy, and the development of resources and frameworks.</p>",
            ),
        ],
    },
    {
        "slug": "privacy",
        "title": "Privacy",
        "summary": "What we collect through our forms and how we look after it.",
        "show_in_menus": False,
        "body": [
            (
                "paragraph",
                "<p>When you send one of our forms, we keep what you wrote so the Collaborative "
                "can reply and follow up. Only the staff who review submissions can see them, and "
                "we delete them when they are no longer needed. To ask us to delete what you sent, "
                "use the Connect with us form.</p>",
            ),
        ],
    },
]
