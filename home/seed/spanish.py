"""Spanish translations of the seeded pages, fed through wagtail-localize's own pipeline
(`TranslationSource` -> `Translation` -> string translations). Keys are the English segments
exactly as wagtail-localize extracts them: whole field values, or one paragraph of rich text."""

CATALOGUE = {
    # Landing page
    "Collaborative for Anti-Racism & Equity (CARE)": (
        "Colaborativo para el Antirracismo y la Equidad (CARE)"
    ),
    "Collaborative for Anti-Racism & Equity": "Colaborativo para el Antirracismo y la Equidad",
    "home": "inicio",
    "Illustration: neighbours of many backgrounds, linked by dotted lines, in front of homes "
    "and a health clinic.": (
        "Ilustración: vecinas y vecinos de orígenes diversos, unidos por líneas de puntos, "
        "delante de casas y de una clínica de salud."
    ),
    "A multi-ethnic, multi generational group openly discusses issues in their community.": (
        "Un grupo de distintos orígenes y generaciones conversa abiertamente sobre los temas de "
        "su comunidad."
    ),
    "A space for anyone engaging in health equity, racial equity, and anti-racism work to "
    "access essential resources.": (
        "Un espacio para quienes trabajan por la equidad en salud, la equidad racial y el "
        "antirracismo, con acceso a recursos esenciales."
    ),
    "This Collaborative started as a group of partners all working to understand and support "
    "the movement to address racism as a public health crisis. Over the past year, it has "
    "evolved and expanded, connecting partners who are advancing health and racial equity "
    "through research, communication, policy, advocacy, and the development of resources and "
    "frameworks. This is a space for anyone engaging in health equity, racial equity, and "
    "anti-racism work to access essential resources to inform your work, whether you are just "
    "starting out or are further along in your journey.": (
        "Este Colaborativo comenzó como un grupo de socios que trabajaban para comprender y "
        "apoyar el movimiento que aborda el racismo como una crisis de salud pública. Durante el "
        "último año ha evolucionado y crecido, conectando a socios que impulsan la equidad en "
        "salud y la equidad racial mediante la investigación, la comunicación, las políticas, la "
        "incidencia y el desarrollo de recursos y marcos de trabajo. Este es un espacio para "
        "cualquier persona que trabaje por la equidad en salud, la equidad racial y el "
        "antirracismo, donde encontrará recursos esenciales para su labor, tanto si está "
        "empezando como si ya lleva camino recorrido."
    ),
    "Share Your Voice: Join the Peer Learning Community": (
        "Comparta su voz: únase a la Comunidad de Aprendizaje entre Pares"
    ),
    "The Anti-Racism in Public Health Peer Learning Community launched in January 2023. Be a "
    "part of the community and connect with other public health practitioners, community "
    "organizers, health departments, and other partners to share, learn, and grow in the work "
    "around declarations of racism as a public health crisis. Register at the link to be "
    "informed about future meeting dates.": (
        "La Comunidad de Aprendizaje entre Pares sobre Antirracismo en la Salud Pública comenzó "
        "en enero de 2023. Forme parte de la comunidad y conéctese con otros profesionales de la "
        "salud pública, organizadores comunitarios, departamentos de salud y otros socios para "
        "compartir, aprender y crecer en el trabajo en torno a las declaraciones del racismo "
        "como crisis de salud pública. Regístrese en el enlace para recibir información sobre "
        "las fechas de las próximas reuniones."
    ),
    "Register for the Peer Learning Community": (
        "Inscríbase en la Comunidad de Aprendizaje entre Pares"
    ),
    "The next meeting is": "La próxima reunión es el",
    "New meeting dates will be announced soon.": (
        "Pronto anunciaremos las fechas de las próximas reuniones."
    ),
    "Featured Resources": "Recursos destacados",
    "Suggest Resources to Share": "Sugiera recursos para compartir",
    "The Collaborative wants to uplift examples of work being done to advance health and racial "
    "equity. Let us know about laws, policies, best practices, or research to highlight.": (
        "El Colaborativo quiere dar visibilidad a ejemplos del trabajo que se realiza para "
        "impulsar la equidad en salud y la equidad racial. Cuéntenos sobre leyes, políticas, "
        "buenas prácticas o investigaciones que debamos destacar."
    ),
    "Suggest a resource": "Sugerir un recurso",
    "Collaborative Partners": "Socios del Colaborativo",
    "Learn more about each of the Collaborative’s Core Partners and find key resources developed "
    "by each partner to advance health equity, racial equity, and anti-racism action.": (
        "Conozca a cada uno de los socios principales del Colaborativo y encuentre los recursos "
        "clave que cada uno ha desarrollado para impulsar la equidad en salud, la equidad racial "
        "y la acción antirracista."
    ),
    "Meet the Collaborative’s partners": "Conozca a los socios del Colaborativo",
    "Connect with Us": "Conéctese con nosotros",
    "Connect with the collaborative by submitting a question, sharing an idea, suggesting a law, "
    "policy, or best practice, or by joining the learning community.": (
        "Conéctese con el Colaborativo enviando una pregunta, compartiendo una idea, sugiriendo "
        "una ley, una política o una buena práctica, o uniéndose a la comunidad de aprendizaje."
    ),
    "Connect with us": "Contáctenos",
    # Featured resources
    "Overview of State and Local Equity Offices": (
        "Panorama de las oficinas estatales y locales de equidad"
    ),
    "This resource from the Network for Public Health Law details examples of city and county "
    "equity offices in twelve states, including their structure, duties, and responsibilities. "
    "These offices vary in structure and scope but provide the infrastructure necessary to "
    "advance anti-racism and equity in practice. Readers can also share examples of offices in "
    "other jurisdictions via a linked form.": (
        "Este recurso de la Network for Public Health Law describe ejemplos de oficinas de "
        "equidad de ciudades y condados en doce estados, con su estructura, funciones y "
        "responsabilidades. Estas oficinas varían en estructura y alcance, pero aportan la "
        "infraestructura necesaria para llevar el antirracismo y la equidad a la práctica. Los "
        "lectores también pueden compartir ejemplos de oficinas de otras jurisdicciones mediante "
        "un formulario enlazado."
    ),
    "CEO Action for Racial Equity Video: Social Determinants of Health": (
        "Video de CEO Action for Racial Equity: determinantes sociales de la salud"
    ),
    "Learn about how differences across the social determinants of health (SDOH) – or the "
    "factors that shape our living and work environments – can shape how we survive and thrive. "
    "These differences can lead to worse health outcomes for historically marginalized "
    "communities, especially Black Americans, but we have opportunities to address these "
    "outcomes through clear and targeted policies rooted in equity.": (
        "Descubra cómo las diferencias en los determinantes sociales de la salud (DSS) – los "
        "factores que configuran nuestros entornos de vida y de trabajo – influyen en cómo "
        "sobrevivimos y prosperamos. Estas diferencias pueden causar peores resultados de salud "
        "en comunidades históricamente marginadas, en especial entre las personas "
        "afroestadounidenses, pero tenemos la oportunidad de cambiarlos con políticas claras y "
        "específicas basadas en la equidad."
    ),
    "2023 County Health Rankings National Findings Report": (
        "Informe nacional de resultados de County Health Rankings 2023"
    ),
    "This year’s report focuses on the connection between civic health and thriving people and "
    "places. Civic health includes two elements – civic infrastructure and civic participation. "
    "It starts in our local communities and is the cornerstone of our democracy, representing "
    "promise, opportunity, belonging and shared responsibility. Civic infrastructure varies in "
    "regions of the US that have faced longstanding discrimination and disinvestment.": (
        "El informe de este año se centra en la relación entre la salud cívica y el bienestar "
        "de las personas y los lugares. La salud cívica tiene dos elementos – la infraestructura "
        "cívica y la participación cívica. Comienza en nuestras comunidades locales y es la "
        "piedra angular de nuestra democracia: representa promesa, oportunidad, pertenencia y "
        "responsabilidad compartida. La infraestructura cívica varía en las regiones de Estados "
        "Unidos que han sufrido discriminación y desinversión durante mucho tiempo."
    ),
    # Library, partners, community
    "Resources": "Recursos",
    "resources": "recursos",
    "Essential resources to inform your work on health equity, racial equity and anti-racism.": (
        "Recursos esenciales para su trabajo por la equidad en salud, la equidad racial y el "
        "antirracismo."
    ),
    "partners": "socios",
    "Peer Learning Community": "Comunidad de Aprendizaje entre Pares",
    "peer-learning-community": "comunidad-de-aprendizaje",
    "Connect with public health practitioners, community organizers and health departments "
    "working on declarations of racism as a public health crisis.": (
        "Conéctese con profesionales de la salud pública, organizadores comunitarios y "
        "departamentos de salud que trabajan en las declaraciones del racismo como crisis de "
        "salud pública."
    ),
    "The Anti-Racism in Public Health Peer Learning Community launched in January 2023. Be a "
    "part of the community and connect with other public health practitioners, community "
    "organizers, health departments, and other partners to share, learn, and grow in the work "
    "around declarations of racism as a public health crisis.": (
        "La Comunidad de Aprendizaje entre Pares sobre Antirracismo en la Salud Pública comenzó "
        "en enero de 2023. Forme parte de la comunidad y conéctese con otros profesionales de la "
        "salud pública, organizadores comunitarios, departamentos de salud y otros socios para "
        "compartir, aprender y crecer en el trabajo en torno a las declaraciones del racismo "
        "como crisis de salud pública."
    ),
    "Register at the link to be informed about future meeting dates.": (
        "Regístrese en el enlace para recibir información sobre las fechas de las próximas "
        "reuniones."
    ),
    # Forms
    "suggest-a-resource": "sugerir-un-recurso",
    "Tell the Collaborative about a law, policy, best practice or research.": (
        "Cuéntele al Colaborativo sobre una ley, política, buena práctica o investigación."
    ),
    "The Collaborative wants to uplift examples of work being done to advance health and racial "
    "equity. Tell us about a resource and why it matters.": (
        "El Colaborativo quiere dar visibilidad a ejemplos del trabajo que impulsa la equidad en "
        "salud y la equidad racial. Cuéntenos sobre un recurso y por qué es importante."
    ),
    "Thank you for your suggestion. The Collaborative reviews every suggestion and may contact "
    "you if we have questions.": (
        "Gracias por su sugerencia. El Colaborativo revisa todas las sugerencias y podría "
        "contactarle si tenemos preguntas."
    ),
    "Send suggestion": "Enviar sugerencia",
    "Your name": "Su nombre",
    "Email address": "Correo electrónico",
    "So we can follow up about your suggestion.": "Para poder darle seguimiento a su sugerencia.",
    "Resource title": "Título del recurso",
    "Link to the resource": "Enlace al recurso",
    "The web address, if it is online.": "La dirección web, si está en internet.",
    "Who published it?": "¿Quién lo publicó?",
    "An organization or a person.": "Una organización o una persona.",
    "Kind of resource": "Tipo de recurso",
    "Law\nPolicy\nBest practice\nResearch\nOther": (
        "Ley\nPolítica\nBuena práctica\nInvestigación\nOtro"
    ),
    "Why it matters": "Por qué es importante",
    "How could others use it in their work?": "¿Cómo podrían usarlo otras personas en su trabajo?",
    "connect-with-us": "contactenos",
    "Ask a question, share an idea, or join the learning community.": (
        "Haga una pregunta, comparta una idea o únase a la comunidad de aprendizaje."
    ),
    "Thank you for getting in touch. We will reply by email.": (
        "Gracias por escribirnos. Le responderemos por correo electrónico."
    ),
    "Send message": "Enviar mensaje",
    "We reply to this address.": "Responderemos a esta dirección.",
    "What is it about?": "¿Sobre qué es?",
    "A question\nAn idea\nSuggest a law, policy or best practice\nJoin the learning community": (
        "Una pregunta\nUna idea\nSugerir una ley, política o buena práctica\n"
        "Unirme a la comunidad de aprendizaje"
    ),
    "Message": "Mensaje",
    "report-a-problem": "informar-de-un-problema",
    "Report a problem with a resource": "Informar de un problema con un recurso",
    "Tell us about a broken link or outdated information in the library.": (
        "Avísenos de un enlace roto o de información desactualizada en la biblioteca."
    ),
    "Found a link that no longer works, or information that is out of date? Tell us and we "
    "will correct the library.": (
        "¿Encontró un enlace que ya no funciona o información desactualizada? Avísenos y "
        "corregiremos la biblioteca."
    ),
    "Thank you for letting us know. We check every report and correct the library.": (
        "Gracias por avisarnos. Revisamos cada aviso y corregimos la biblioteca."
    ),
    "Send report": "Enviar aviso",
    "A resource needs correcting": "Hay que corregir un recurso",
    "Resource": "Recurso",
    "The address of the resource's page: filled in when you come from it.": (
        "La dirección de la página del recurso: se completa sola cuando viene desde ella."
    ),
    "What is wrong?": "¿Qué ocurre?",
    "A link does not work\nThe information is out of date\nSomething else": (
        "Un enlace no funciona\nLa información está desactualizada\nOtra cosa"
    ),
    "Details": "Detalles",
    "What should we change? A new link helps.": "¿Qué debemos cambiar? Un enlace nuevo ayuda.",
    "Only if you would like a reply.": "Solo si desea una respuesta.",
    "register": "inscripcion",
    "Be told about future meeting dates of the Peer Learning Community.": (
        "Reciba las fechas de las próximas reuniones de la Comunidad de Aprendizaje entre Pares."
    ),
    "Register to be informed about future meeting dates of the Anti-Racism in Public Health "
    "Peer Learning Community.": (
        "Inscríbase para recibir las fechas de las próximas reuniones de la Comunidad de "
        "Aprendizaje entre Pares sobre Antirracismo en la Salud Pública."
    ),
    "Thank you for registering. We have sent you an email: open the link in it to confirm, and "
    "we will email you the dates of future meetings.": (
        "Gracias por inscribirse. Le hemos enviado un correo: abra el enlace que contiene para "
        "confirmar, y le enviaremos por correo las fechas de las próximas reuniones."
    ),
    "Register": "Inscribirme",
    "Meeting dates are sent to this address.": "Enviaremos las fechas de reunión a esta dirección.",
    "Organization": "Organización",
    "Your health department or organization.": "Su departamento de salud u organización.",
    "Role": "Cargo",
    "For example: epidemiologist, organizer.": "Por ejemplo: epidemióloga, organizador.",
    # The consent wording every form starts with (FormPage.consent_text's default).
    "I agree that the Collaborative keeps what I send in this form to reply to me, and deletes "
    "it when it is no longer needed.": (
        "Acepto que el Colaborativo guarde lo que envío en este formulario para responderme, y "
        "que lo elimine cuando ya no sea necesario."
    ),
    "New resource suggestion": "Nueva sugerencia de recurso",
    "New message from the website": "Nuevo mensaje desde el sitio web",
    "New Peer Learning Community registration": "Nueva inscripción en la Comunidad de Aprendizaje",
    # Partners, meetings, standard pages
    "Legal technical assistance and resources for public health practitioners.": (
        "Asistencia técnica jurídica y recursos para profesionales de la salud pública."
    ),
    "The Network for Public Health Law provides insights and legal technical assistance on "
    "public health law, including laws and policies that advance health and racial equity.": (
        "La Network for Public Health Law ofrece análisis y asistencia técnica jurídica sobre el "
        "derecho de la salud pública, incluidas las leyes y políticas que impulsan la equidad en "
        "salud y la equidad racial."
    ),
    "Demo partner: research and training on community-led health equity.": (
        "Socio de demostración: investigación y formación sobre equidad en salud liderada por la "
        "comunidad."
    ),
    "Demo partner: a network of local health departments acting on equity.": (
        "Socio de demostración: una red de departamentos de salud locales que actúan por la "
        "equidad."
    ),
    "This is a demonstration partner created by the demo content. Replace it with a real partner "
    "in the admin.": (
        "Este es un socio de demostración creado con el contenido de ejemplo. Sustitúyalo por un "
        "socio real en la administración."
    ),
    "The Collaborative’s Core Partners and the resources each has developed.": (
        "Los socios principales del Colaborativo y los recursos que cada uno ha desarrollado."
    ),
    "Peer Learning Community launch": "Lanzamiento de la Comunidad de Aprendizaje entre Pares",
    "The first meeting of the Anti-Racism in Public Health Peer Learning Community.": (
        "La primera reunión de la Comunidad de Aprendizaje entre Pares sobre Antirracismo en la "
        "Salud Pública."
    ),
    "The Anti-Racism in Public Health Peer Learning Community launched in January 2023, bringing "
    "together practitioners working on declarations of racism as a public health crisis.": (
        "La Comunidad de Aprendizaje entre Pares sobre Antirracismo en la Salud Pública comenzó "
        "en enero de 2023 y reunió a profesionales que trabajan en las declaraciones del racismo "
        "como crisis de salud pública."
    ),
    "Peer Learning Community meeting": "Reunión de la Comunidad de Aprendizaje",
    "Peer Learning Community meeting, July 2023": (
        "Reunión de la Comunidad de Aprendizaje, julio 2023"
    ),
    "Members share progress on turning declarations into action.": (
        "Los miembros comparten sus avances para convertir las declaraciones en acción."
    ),
    "Members shared how their jurisdictions are turning declarations into action.": (
        "Los miembros compartieron cómo sus jurisdicciones convierten las declaraciones en acción."
    ),
    "A monthly meeting of the Peer Learning Community, held online.": (
        "Una reunión mensual en línea de la Comunidad de Aprendizaje entre Pares."
    ),
    "Join peers from health departments and community organizations to share what is working, "
    "and what is hard, in anti-racism work.": (
        "Únase a colegas de departamentos de salud y organizaciones comunitarias para compartir "
        "lo que funciona, y lo que cuesta, en el trabajo antirracista."
    ),
    "About the Collaborative": "Acerca del Colaborativo",
    "about": "acerca-de",
    "Who we are and how the Collaborative works.": "Quiénes somos y cómo trabaja el Colaborativo.",
    "The Collaborative for Anti-Racism & Equity connects partners who are advancing health and "
    "racial equity through research, communication, policy, advocacy, and the development of "
    "resources and frameworks.": (
        "El Colaborativo para el Antirracismo y la Equidad conecta a socios que impulsan la "
        "equidad en salud y la equidad racial mediante la investigación, la comunicación, las "
        "políticas, la incidencia y el desarrollo de recursos y marcos de trabajo."
    ),
    "Contact": "Contacto",
    "privacy": "privacidad",
    "Privacy notice": "Aviso de privacidad",
    "What our forms collect, why, who sees it, how long we keep it and how to have it deleted.": (
        "Qué recogen nuestros formularios, para qué, quién lo ve, cuánto tiempo lo guardamos y "
        "cómo pedir que se elimine."
    ),
    "What we collect": "Qué recogemos",
    "When you send one of our forms, we keep the answers you give, the language of the page you "
    "used, the time you sent it and the wording of the consent you agreed to. We do not keep your "
    "internet address with your answers, and this site uses no advertising or analytics cookies. "
    "A page with a form sets one security cookie, which protects the form from being sent by "
    "another site.": (
        "Cuando envía uno de nuestros formularios, guardamos las respuestas que da, el idioma de "
        "la página que usó, la hora del envío y el texto del consentimiento que aceptó. No "
        "guardamos su dirección de internet con sus respuestas, y este sitio no usa cookies de "
        "publicidad ni de analítica. Una página con un formulario crea una cookie de seguridad, "
        "que impide que otro sitio envíe el formulario."
    ),
    "Why we collect it": "Para qué lo recogemos",
    "We use your answers only for the purpose the form states: to reply to your question, to "
    "consider the resource you suggested, or to tell you about the Peer Learning Community's "
    "meetings. We never sell or share them for marketing.": (
        "Usamos sus respuestas solo para lo que indica el formulario: responder a su pregunta, "
        "considerar el recurso que sugirió o informarle de las reuniones de la Comunidad de "
        "Aprendizaje entre Pares. Nunca las vendemos ni las compartimos con fines comerciales."
    ),
    "Who sees it": "Quién lo ve",
    "Only the Collaborative's staff who review submissions can see what you sent. When a form "
    "says so, the team receives an email about your submission, and you receive a confirmation "
    "email at the address you gave.": (
        "Solo el personal del Colaborativo que revisa los envíos puede ver lo que envió. Cuando un "
        "formulario lo indica, el equipo recibe un correo sobre su envío y usted recibe un correo "
        "de confirmación en la dirección que dio."
    ),
    "How long we keep it": "Cuánto tiempo lo guardamos",
    "Answers are deleted automatically after one year, unless a form states a shorter period. "
    "Messages our spam checks set aside are kept for the same time, so that a real message is "
    "never lost unseen.": (
        "Las respuestas se eliminan automáticamente al cabo de un año, salvo que un formulario "
        "indique un plazo más corto. Los mensajes que nuestros controles de correo no deseado "
        "apartan se guardan el mismo tiempo, para que ningún mensaje real se pierda sin ser visto."
    ),
    "Seeing, correcting or deleting what you sent": "Ver, corregir o eliminar lo que envió",
    "To see, correct or delete what you sent us, write to us through the Contact link at the foot "
    "of every page. Give the email address you used and we will delete everything sent with it.": (
        "Para ver, corregir o eliminar lo que nos envió, escríbanos con el enlace Contacto al pie "
        "de cada página. Indique la dirección de correo que usó y eliminaremos todo lo enviado "
        "con ella."
    ),
    "accessibility": "accesibilidad",
    "Accessibility statement": "Declaración de accesibilidad",
    "Accessibility": "Accesibilidad",
    "How we make this site usable by everyone, how we test it, what we know falls short and how "
    "to tell us about a barrier.": (
        "Cómo hacemos que este sitio sea utilizable por todas las personas, cómo lo comprobamos, "
        "qué sabemos que aún falla y cómo avisarnos de una barrera."
    ),
    "Our aim": "Nuestro objetivo",
    "We want everyone to be able to find and use the Collaborative's resources, whatever device, "
    "browser or assistive technology they use. This site aims to meet the Web Content "
    "Accessibility Guidelines (WCAG) 2.2 at level AA, in English and in Spanish.": (
        "Queremos que todas las personas puedan encontrar y usar los recursos del Colaborativo, "
        "con cualquier dispositivo, navegador o tecnología de apoyo. Este sitio busca cumplir las "
        "Pautas de Accesibilidad para el Contenido Web (WCAG) 2.2 en el nivel AA, en inglés y en "
        "español."
    ),
    "How we test": "Cómo lo comprobamos",
    "Every kind of page, in both languages, is checked by automated accessibility tests in a web "
    "browser each time the site changes; we also check that every page can be used with a "
    "keyboard alone, at phone and desktop sizes and with animations reduced.": (
        "Cada tipo de página, en los dos idiomas, pasa pruebas automáticas de accesibilidad en un "
        "navegador cada vez que el sitio cambia; también comprobamos que cada página se puede "
        "usar solo con el teclado, en tamaños de teléfono y de escritorio y con las animaciones "
        "reducidas."
    ),
    "What we know falls short": "Lo que sabemos que aún falla",
    "Some documents in the library are published by our partners as PDF files, and not all of "
    "them are fully accessible. Videos from other sites may lack captions in Spanish. If you "
    "need a document or a video in another format, ask us and we will help.": (
        "Algunos documentos de la biblioteca los publican nuestros socios como archivos PDF, y no "
        "todos son plenamente accesibles. Los videos de otros sitios pueden no tener subtítulos "
        "en español. Si necesita un documento o un video en otro formato, pídanoslo y le "
        "ayudaremos."
    ),
    "Tell us about a barrier": "Avísenos de una barrera",
    "If something on this site is hard to use, please tell us through the Contact link at the "
    "foot of every page: say which page and what happened. We read every message and will "
    "reply.": (
        "Si algo de este sitio le resulta difícil de usar, avísenos con el enlace Contacto al pie "
        "de cada página: indique qué página y qué ocurrió. Leemos todos los mensajes y le "
        "responderemos."
    ),
    # Topics and resource types (names and the slugs used in filter links)
    "Policy and law": "Políticas y leyes",
    "policy-and-law": "politicas-y-leyes",
    "Government practice": "Práctica gubernamental",
    "government-practice": "practica-gubernamental",
    "Social determinants of health": "Determinantes sociales de la salud",
    "social-determinants-of-health": "determinantes-sociales-de-la-salud",
    "Data and research": "Datos e investigación",
    "data-and-research": "datos-e-investigacion",
    "Civic health": "Salud cívica",
    "civic-health": "salud-civica",
    "Community engagement": "Participación comunitaria",
    "community-engagement": "participacion-comunitaria",
    "Report": "Informe",
    "report": "informe",
    "Video": "Video",
    "video": "video",
    "Toolkit": "Caja de herramientas",
    "toolkit": "caja-de-herramientas",
    "Law or policy": "Ley o política",
    "law-or-policy": "ley-o-politica",
}
