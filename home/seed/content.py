"""The CARE landing-page text (shared/content/care-landing-page.txt), word for word, and the
demo content around it. Dates are computed when the seed runs, never at import."""

import datetime

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
    "hero_image_alt": (
        "Illustration: neighbours of many backgrounds, linked by dotted lines, in front of homes "
        "and a health clinic."
    ),
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
        # A real organisation: its logo is theirs to give, so the demo draws none.
        "logo": None,
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
        "logo": "community-health-equity-institute.png",
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
        "logo": "health-departments-for-equity-alliance.png",
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
            ("Who published it?", "singleline", False, "", "An organization or a person."),
            (
                "Kind of resource",
                "radio",
                True,
                "Law\nPolicy\nBest practice\nResearch\nOther",
                "",
            ),
            ("Why it matters", "multiline", True, "", "How could others use it in their work?"),
        ],
        # The answers a reviewer's draft resource page starts from (FormField.fills_resource).
        "fills_resource": {
            "Resource title": "title",
            "Link to the resource": "external_url",
            "Who published it?": "publisher",
            "Why it matters": "summary",
        },
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
    "report": {
        "slug": "report-a-problem",
        "title": "Report a problem with a resource",
        "summary": "Tell us about a broken link or outdated information in the library.",
        "intro": (
            "<p>Found a link that no longer works, or information that is out of date? Tell us "
            "and we will correct the library.</p>"
        ),
        "thank_you_text": (
            "<p>Thank you for letting us know. We check every report and correct the library.</p>"
        ),
        "submit_label": "Send report",
        "subject": "A resource needs correcting",
        "fields": [
            (
                "Resource",
                "url",
                True,
                "",
                "The address of the resource's page: filled in when you come from it.",
            ),
            (
                "What is wrong?",
                "radio",
                True,
                "A link does not work\nThe information is out of date\nSomething else",
                "",
            ),
            ("Details", "multiline", False, "", "What should we change? A new link helps."),
            ("Email address", "email", False, "", "Only if you would like a reply."),
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
            "<p>Thank you for registering. We have sent you an email: open the link in it to "
            "confirm, and we will email you the dates of future meetings.</p>"
        ),
        "submit_label": "Register",
        "subject": "New Peer Learning Community registration",
        # The subscription's own confirmation email (events) is the one the sender receives.
        "subscribes_to_meetings": True,
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
        # (kind, slug of a library resource): shown on the meeting, which the resource links to.
        "materials": [
            ("material", "demo-declarations-of-racism-as-a-public-health-crisis-tracker")
        ],
    },
    {
        "slug": "peer-learning-meeting-2023-07-24",
        "title": "Peer Learning Community meeting, July 2023",
        "summary": "Members share progress on turning declarations into action.",
        "start": (2023, 7, 24, 14, 0),
        "minutes": 90,
        "body": "Members shared how their jurisdictions are turning declarations into action.",
        "materials": [
            ("material", "demo-from-declaration-to-action"),
            ("material", "demo-declarations-of-racism-as-a-public-health-crisis-tracker"),
        ],
    },
]

# The community's monthly meeting, defined once as a series: its dates ahead of today become
# meeting pages (events/series.py), and the daily job keeps adding them.
MEETING_SERIES = {
    "title": "Peer Learning Community meeting",
    "summary": "A monthly meeting of the Peer Learning Community, held online.",
    "week_of_month": 4,
    "weekday": 0,  # Monday
    "start_time": datetime.time(14),
    "end_time": datetime.time(15, 30),
    "join_url": "https://meet.example.org/care-peer-learning",
}


def heading(text):
    return ("heading", {"text": text, "level": "h2"})


def paragraph(text):
    return ("paragraph", f"<p>{text}</p>")


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
        "title": "Privacy notice",
        "summary": (
            "What our forms collect, why, who sees it, how long we keep it and how to have it "
            "deleted."
        ),
        "show_in_menus": False,
        "body": [
            heading("What we collect"),
            paragraph(
                "When you send one of our forms, we keep the answers you give, the language of "
                "the page you used, the time you sent it and the wording of the consent you "
                "agreed to. We do not keep your internet address with your answers, and this "
                "site uses no advertising or analytics cookies. A page with a form sets one "
                "security cookie, which protects the form from being sent by another site."
            ),
            heading("Why we collect it"),
            paragraph(
                "We use your answers only for the purpose the form states: to reply to your "
                "question, to consider the resource you suggested, or to tell you about the Peer "
                "Learning Community's meetings. We never sell or share them for marketing."
            ),
            heading("Who sees it"),
            paragraph(
                "Only the Collaborative's staff who review submissions can see what you sent. "
                "When a form says so, the team receives an email about your submission, and you "
                "receive a confirmation email at the address you gave."
            ),
            heading("How long we keep it"),
            paragraph(
                "Answers are deleted automatically after one year, unless a form states a "
                "shorter period. Messages our spam checks set aside are kept for the same time, "
                "so that a real message is never lost unseen."
            ),
            heading("Seeing, correcting or deleting what you sent"),
            paragraph(
                "To see, correct or delete what you sent us, write to us through the Contact "
                "link at the foot of every page. Give the email address you used and we will "
                "delete everything sent with it."
            ),
        ],
    },
    {
        "slug": "accessibility",
        "title": "Accessibility statement",
        "summary": (
            "How we make this site usable by everyone, how we test it, what we know falls short "
            "and how to tell us about a barrier."
        ),
        "show_in_menus": False,
        "body": [
            heading("Our aim"),
            paragraph(
                "We want everyone to be able to find and use the Collaborative's resources, "
                "whatever device, browser or assistive technology they use. This site aims to "
                "meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA, in "
                "English and in Spanish."
            ),
            heading("How we test"),
            paragraph(
                "Every kind of page, in both languages, is checked by automated accessibility "
                "tests in a web browser each time the site changes; we also check that every "
                "page can be used with a keyboard alone, at phone and desktop sizes and with "
                "animations reduced."
            ),
            heading("What we know falls short"),
            paragraph(
                "Some documents in the library are published by our partners as PDF files, and "
                "not all of them are fully accessible. Videos from other sites may lack "
                "captions in Spanish. If you need a document or a video in another format, ask "
                "us and we will help."
            ),
            heading("Tell us about a barrier"),
            paragraph(
                "If something on this site is hard to use, please tell us through the Contact "
                "link at the foot of every page: say which page and what happened. We read "
                "every message and will reply."
            ),
        ],
    },
]

# Demo resources for browsing and filtering the library. Every one is labelled as
# demo content; none is attributed to a real organization: they belong to the demo partners or
# to fictional publishers. `document` asks for a small generated PDF instead of a web address.
DEMO_NOTE = " (Demo content: not a real publication.)"
DEMO_RESOURCES = [
    {
        "slug": "demo-racial-equity-impact-assessment-toolkit",
        "title": "Racial Equity Impact Assessment Toolkit (demo)",
        "summary": (
            "Step-by-step worksheets for asking who benefits and who is burdened before a "
            "health department adopts a new policy, program or budget."
        ),
        "publisher_partner": "demo-partner-community-health-institute",
        "publication_date": (2024, 9, 16),
        "resource_type": "toolkit",
        "topics": ["policy-and-law", "government-practice"],
    },
    {
        "slug": "demo-declarations-of-racism-as-a-public-health-crisis-tracker",
        "title": "Declarations of Racism as a Public Health Crisis: a Tracker (demo)",
        "summary": (
            "A searchable list of city, county and state declarations, with the commitments each "
            "made and what has happened since."
        ),
        "publisher_partner": "demo-partner-health-departments-alliance",
        "publication_date": (2023, 11, 2),
        "resource_type": "report",
        "topics": ["policy-and-law", "data-and-research"],
    },
    {
        "slug": "demo-from-declaration-to-action",
        "title": "From Declaration to Action: Lessons from Twelve Health Departments (demo)",
        "summary": (
            "Case studies of health departments that turned a declaration into staffing, "
            "funding and accountability, and what slowed others down."
        ),
        "publisher_partner": "demo-partner-health-departments-alliance",
        "publication_date": (2024, 4, 22),
        "resource_type": "report",
        "topics": ["government-practice", "community-engagement"],
    },
    {
        "slug": "demo-data-disaggregation-guide",
        "title": "Collecting and Reporting Data by Race and Ethnicity: a Practical Guide (demo)",
        "summary": (
            "How to collect, disaggregate and publish race and ethnicity data so that small "
            "communities are counted without being exposed."
        ),
        "publisher_partner": "demo-partner-community-health-institute",
        "publication_date": (2022, 8, 9),
        "resource_type": "toolkit",
        "topics": ["data-and-research"],
    },
    {
        "slug": "demo-housing-and-health-brief",
        "title": "Housing Stability and Health Outcomes: Research Brief (demo)",
        "summary": (
            "A summary of studies linking evictions, overcrowding and housing quality to "
            "asthma, mental health and emergency visits."
        ),
        "publisher_partner": "demo-partner-community-health-institute",
        "publication_date": (2021, 5, 18),
        "resource_type": "report",
        "topics": ["social-determinants-of-health", "data-and-research"],
    },
    {
        "slug": "demo-community-health-workers-video",
        "title": "Community Health Workers in Their Own Words (demo video)",
        "summary": (
            "Community health workers describe building trust door to door and what health "
            "departments can do to support their work."
        ),
        "publisher_partner": "demo-partner-health-departments-alliance",
        "publication_date": (2023, 2, 27),
        "resource_type": "video",
        "topics": ["community-engagement", "social-determinants-of-health"],
    },
    {
        "slug": "demo-model-ordinance-health-equity-office",
        "title": "Model Ordinance: Establishing a Municipal Office of Health Equity (demo)",
        "summary": (
            "Annotated model language a city council can adapt to create, staff and fund an "
            "office of health equity with a public reporting duty."
        ),
        "publisher_partner": "demo-partner-health-departments-alliance",
        "publication_date": (2022, 10, 3),
        "resource_type": "law-or-policy",
        "topics": ["policy-and-law", "government-practice"],
    },
    {
        "slug": "demo-participatory-budgeting-for-health",
        "title": "Participatory Budgeting for Health: a Starter Guide (demo)",
        "summary": (
            "How residents can decide part of a health budget: setting the rules, reaching "
            "people who rarely take part, and reporting back."
        ),
        "publisher_partner": "demo-partner-community-health-institute",
        "publication_date": (2024, 1, 30),
        "resource_type": "toolkit",
        "topics": ["community-engagement", "civic-health"],
    },
    {
        "slug": "demo-civic-participation-and-health-data-brief",
        "title": "Civic Participation and Health: What the Data Show (demo)",
        "summary": (
            "County-level data on voting, volunteering and library use set against life "
            "expectancy and self-reported health."
        ),
        "publisher_name": "Demo State Health Data Office",
        "publication_date": (2023, 6, 12),
        "resource_type": "report",
        "topics": ["civic-health", "data-and-research"],
    },
    {
        "slug": "demo-language-access-policy-template",
        "title": "Language Access Policy Template for Health Departments (demo)",
        "summary": (
            "A policy template covering interpretation, translated materials and plain "
            "language, with a checklist for yearly review."
        ),
        "publisher_partner": "demo-partner-health-departments-alliance",
        "publication_date": (2021, 9, 7),
        "resource_type": "law-or-policy",
        "topics": ["policy-and-law", "community-engagement"],
    },
    {
        "slug": "demo-environmental-justice-mapping-webinar",
        "title": "Mapping Environmental Justice: Webinar Recording (demo video)",
        "summary": (
            "A recorded webinar on combining air quality, heat and traffic data with "
            "neighborhood history to decide where to act first."
        ),
        "publisher_partner": "demo-partner-community-health-institute",
        "publication_date": (2022, 3, 15),
        "resource_type": "video",
        "topics": ["social-determinants-of-health", "data-and-research"],
    },
    {
        "slug": "demo-anti-racist-hiring-practices",
        "title": "Anti-Racist Hiring and Promotion in Public Health Agencies (demo)",
        "summary": (
            "Practices for job descriptions, interview panels and promotion criteria that "
            "widen who is hired and who advances."
        ),
        "publisher_partner": "demo-partner-health-departments-alliance",
        "publication_date": (2025, 2, 10),
        "resource_type": "toolkit",
        "topics": ["government-practice"],
    },
    {
        "slug": "demo-health-impact-assessment-transit",
        "title": "Health Impact Assessment of a Bus Rapid Transit Line (demo)",
        "summary": (
            "A worked example of a health impact assessment: access to jobs and care, "
            "displacement risk, and recommendations adopted by the city."
        ),
        "publisher_name": "Demo City Planning Department",
        "publication_date": (2020, 11, 23),
        "resource_type": "report",
        "topics": ["social-determinants-of-health", "government-practice"],
    },
    {
        "slug": "demo-community-data-walk-guide",
        "title": "Community Data Walk Facilitator Guide (demo download)",
        "summary": (
            "How to run a data walk: posters of local data, small-group conversations, and "
            "turning what residents say into priorities."
        ),
        "publisher_partner": "demo-partner-community-health-institute",
        "publication_date": (2023, 9, 5),
        "resource_type": "toolkit",
        "topics": ["community-engagement", "data-and-research"],
        "document": "Community Data Walk Facilitator Guide (demo PDF)",
    },
    {
        "slug": "demo-equity-in-budgeting-checklist",
        "title": "Equity in Budgeting: a One-Page Checklist (demo download)",
        "summary": (
            "Ten questions to ask of every budget request, from who was consulted to how "
            "results will be reported by race and place."
        ),
        "publisher_partner": "demo-partner-health-departments-alliance",
        "publication_date": (2024, 6, 3),
        "resource_type": "toolkit",
        "topics": ["government-practice", "policy-and-law"],
        "document": "Equity in Budgeting Checklist (demo PDF)",
    },
    {
        "slug": "demo-state-paid-sick-leave-law-summary",
        "title": "Paid Sick Leave Laws and Health Equity: a State Survey (demo)",
        "summary": (
            "A comparison of state paid sick leave laws: who is covered, who is left out, and "
            "the evidence on health outcomes."
        ),
        "publisher_name": "Demo Public Health Law Clinic",
        "publication_date": (2021, 1, 25),
        "resource_type": "law-or-policy",
        "topics": ["policy-and-law", "social-determinants-of-health"],
    },
    {
        "slug": "demo-youth-civic-leadership-program-evaluation",
        "title": "Youth Civic Leadership Program: Two-Year Evaluation (demo)",
        "summary": (
            "Findings from a program training young people to lead neighborhood health "
            "projects, including changes in civic participation."
        ),
        "publisher_partner": "demo-partner-community-health-institute",
        "publication_date": (2025, 5, 19),
        "resource_type": "report",
        "topics": ["civic-health", "community-engagement"],
    },
    {
        "slug": "demo-food-access-zoning-brief",
        "title": "Zoning for Food Access: Policy Options for Local Governments (demo)",
        "summary": (
            "Zoning and licensing tools cities use to bring groceries and markets to "
            "neighborhoods that lost them, with their trade-offs."
        ),
        "publisher_partner": "demo-partner-health-departments-alliance",
        "publication_date": (2020, 7, 14),
        "resource_type": "law-or-policy",
        "topics": ["policy-and-law", "social-determinants-of-health"],
    },
    {
        "slug": "demo-storytelling-for-equity-video",
        "title": "Telling the Story of Structural Racism and Health (demo video)",
        "summary": (
            "A short explainer on framing structural racism for public audiences, with "
            "examples of messages tested with residents."
        ),
        "publisher_partner": "demo-partner-community-health-institute",
        "publication_date": (2024, 11, 12),
        "resource_type": "video",
        "topics": ["community-engagement"],
    },
    {
        "slug": "demo-equity-dashboard-indicators",
        "title": "Choosing Indicators for a Health Equity Dashboard (demo)",
        "summary": (
            "How to pick a small set of indicators that residents understand, that change "
            "with policy, and that can be reported by neighborhood."
        ),
        "publisher_partner": "demo-partner-health-departments-alliance",
        "publication_date": (2022, 12, 6),
        "resource_type": "toolkit",
        "topics": ["data-and-research", "government-practice"],
    },
    {
        "slug": "demo-voting-access-and-health-research-review",
        "title": "Voting Access as a Determinant of Health: Research Review (demo)",
        "summary": (
            "A review of research on voting access, civic trust and health, and what health "
            "agencies may and may not do to support participation."
        ),
        "publisher_name": "Demo University Center for Health Equity",
        "publication_date": (2023, 10, 17),
        "resource_type": "report",
        "topics": ["civic-health", "social-determinants-of-health"],
    },
    {
        "slug": "demo-community-advisory-board-bylaws",
        "title": "Community Advisory Board Bylaws: a Model (demo)",
        "summary": (
            "Model bylaws for a health department's community advisory board: membership, "
            "stipends, decision rights and reporting."
        ),
        "publisher_partner": "demo-partner-community-health-institute",
        "publication_date": (2019, 10, 8),
        "resource_type": "law-or-policy",
        "topics": ["community-engagement", "government-practice"],
    },
]

# Focus areas given to the seeded partners that have none yet (topic slugs).
PARTNER_FOCUS_AREAS = {
    "network-for-public-health-law": ["policy-and-law", "government-practice"],
    "demo-partner-community-health-institute": [
        "community-engagement",
        "data-and-research",
        "social-determinants-of-health",
    ],
    "demo-partner-health-departments-alliance": ["government-practice", "policy-and-law"],
}
