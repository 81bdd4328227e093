"""The sample forum's content: a fictional province, its organizations and people, what they said.

Every name here is invented. Dates are not here: tracker.demo.load places the story in the year before today. A
milestone's `due` is its place in the plan's two-year period, (year of the plan counted from 0, month, day), and
tracker.demo.load turns it into a `due_on`; a milestone without one has no due date (the demo's one weakness)."""
from __future__ import annotations

from typing import Any

PROVINCE = "Provincia de Alto Marañón, Perú"
FORUM: dict[str, Any] = {
    "name": "Foro Multiactor de Gobierno Abierto de Alto Marañón",
    "member": PROVINCE,
    "timezone": "America/Lima",
    "language": "es",
    "meeting_rule": {"frequency": "monthly", "reminder_days_before": 3},
    "legal_basis": {"title": "Ordenanza Provincial N.º 014-2025-MPAM",
                    "url": "https://gobiernoabierto.altomaranon.example/normas/ordenanza-014-2025.pdf"},
}
SITE = "https://gobiernoabierto.altomaranon.example"

#: (organization, sector, primary representative, alternate or None). One youth representative is a minor.
ORGANIZATIONS = [
    ("Municipalidad Provincial de Alto Marañón", "government", "Rosa Quispe Llanos", "Julio Tarazona Vega"),
    ("Gerencia de Planeamiento y Presupuesto", "government", "Carlos Mendoza Ríos", None),
    ("Subprefectura de Alto Marañón", "government", "Elena Vargas Pinedo", None),
    ("Asociación de Rondas Campesinas del Marañón", "civil_society", "Teodoro Huamán Cruz", "Nélida Ccori Paz"),
    ("Colectivo Mujeres del Valle", "civil_society", "Marisa Poma Inga", "Lucía Saavedra Ruiz"),
    ("Red de Vigilancia Ciudadana Alto Marañón", "civil_society", "Óscar Llerena Bazán", None),
    ("Universidad Nacional del Alto Marañón", "academia", "Gabriela Ortiz Núñez", "Raúl Chumpitaz Soto"),
    ("Instituto Tecnológico Público de Huaycán Alto", "academia", "Walter Zegarra Olivos", None),
    ("Cámara de Comercio de Alto Marañón", "private_sector", "Patricia León Ugarte", None),
    ("Consejo Provincial de la Juventud", "youth", "Mateo Rivas Chuquimango", "Valeria Cubas Hoyos"),
    ("Radio Comunitaria La Voz del Marañón", "media", "Hernán Tello Acuña", None),
    ("Mesa de Concertación para la Lucha contra la Pobreza", "other", "Sonia Alarcón Díaz", None),
]
#: The minor among the representatives (a youth council's primary, 17 years old).
MINOR = "Mateo Rivas Chuquimango"

PLAN_TITLE = "Plan de Acción de Gobierno Abierto de Alto Marañón 2027-2028"
VENUES = ("Auditorio de la Municipalidad Provincial", "Salón comunal de Huaycán Alto",
          "Aula magna de la Universidad Nacional del Alto Marañón")

#: Residents who wrote in without representing a member organization: (name, organization or None, sector).
RESIDENTS = [
    ("Fidel Rojas Campos", "Junta Vecinal Barrio Bellavista", "civil_society"),
    ("Yolanda Mestanza Paredes", None, "other"),
    ("Jhon Caruajulca Terrones", "Comité de Regantes Río Chico", "civil_society"),
    ("Diana Sifuentes Quiroz", "Colegio de Ingenieros, filial Alto Marañón", "academia"),
    ("Alberto Chávarry Gil", None, "other"),
    ("Milagros Infante Ramos", "Asociación de Comerciantes del Mercado Central", "private_sector"),
]

CONTRIBUTIONS = [
    "Publicar en datos abiertos la ejecución del presupuesto participativo por distrito y por obra.",
    "Transmitir en vivo las sesiones del concejo provincial y publicar sus actas en un plazo de cinco días.",
    "Crear un registro público de visitas a las autoridades provinciales.",
    "Incluir a las comunidades campesinas en la vigilancia de las obras de agua y saneamiento.",
    "Publicar las contrataciones públicas menores a ocho UIT con su proveedor y su monto.",
    "Traducir al quechua los resúmenes del plan de acción y difundirlos por radio.",
    "Crear una mesa de seguimiento de los compromisos con participación juvenil.",
    "Poner a disposición un formulario en línea y uno en papel para recibir aportes en los distritos.",
    "Publicar el padrón de beneficiarios de los programas sociales sin datos sensibles.",
    "Establecer un canal de denuncias anónimas sobre cobros indebidos en trámites municipales.",
    "Difundir mensualmente el avance físico y financiero de las obras en la radio comunitaria.",
    "Capacitar a los dirigentes vecinales en el uso del portal de transparencia.",
    "Publicar los informes de control interno y el seguimiento a sus recomendaciones.",
    "Georreferenciar las obras públicas en un mapa abierto con fotos de avance.",
    "Garantizar intérpretes de lengua de señas en las audiencias públicas.",
    "Abrir los datos de calidad del agua de los sistemas rurales.",
    "Publicar las agendas de las autoridades con una semana de anticipación.",
    "Crear un presupuesto participativo juvenil con una bolsa propia.",
    "Rendir cuentas dos veces al año en cada distrito, no solo en la capital provincial.",
    "Publicar los contratos de recojo de residuos sólidos y sus penalidades.",
    "Registrar y publicar los conflictos de interés de los funcionarios de compras.",
    "Crear indicadores de género en el seguimiento de los compromisos.",
    "Mejorar la señal de internet en los locales comunales para las sesiones virtuales.",
    "Publicar el inventario de bienes inmuebles de la municipalidad.",
    "Establecer un plazo máximo de respuesta a las solicitudes de acceso a la información.",
    "Incorporar a la radio comunitaria en la difusión de las convocatorias del foro.",
    "Abrir los datos de licencias de funcionamiento otorgadas.",
    "Formar un comité de vigilancia de la alimentación escolar con madres y padres.",
    "Publicar los viáticos y pasajes de las autoridades cada mes.",
    "Evaluar con la universidad el cumplimiento de los compromisos del plan anterior.",
    "Crear un tablero de seguimiento del plan accesible desde el celular.",
    "Consultar a las comunidades antes de priorizar las obras de riego.",
    "Publicar las actas del comité de gestión del hospital provincial.",
    "Asegurar que las sesiones del foro roten entre los distritos.",
    "Difundir las oportunidades de empleo municipal con sus requisitos y resultados.",
    "Incluir un compromiso sobre gestión de riesgos y alertas de huaicos.",
    "Publicar la planilla municipal por cargo y régimen laboral.",
    "Establecer un protocolo de protección de datos para los aportes recibidos.",
    "Capacitar a los jóvenes como monitores de obras públicas.",
    "Publicar las respuestas a cada aporte en el portal del foro.",
]

COMMITMENTS: list[dict[str, Any]] = [
    {"title": "Obras públicas abiertas y vigiladas por la ciudadanía",
     "problem": "La ciudadanía no conoce el avance ni el costo de las obras en sus distritos.",
     "description": "Publicar cada mes, en datos abiertos y en un mapa, el avance físico y financiero de las obras, "
                    "con comités de vigilancia en cada distrito.",
     "ogp_values": ["transparency", "civic_participation", "public_accountability"],
     "lead_institution": "Gerencia de Infraestructura de la Municipalidad Provincial",
     "milestones": [{"title": "Inventario de obras en ejecución publicado", "deliverable": "Conjunto de datos",
                     "due": (0, 4, 30)},
                    {"title": "Mapa abierto de obras con fotos de avance", "deliverable": "Mapa en línea",
                     "due": (0, 10, 31)},
                    {"title": "Comités de vigilancia instalados en cinco distritos",
                     "deliverable": "Actas de instalación", "due": (1, 6, 30)}],
     "contributions": (0, 3, 10, 13)},
    {"title": "Presupuesto participativo juvenil",
     "problem": "Las juventudes no participan en la priorización del gasto provincial.",
     "description": "Reservar una bolsa del presupuesto participativo para proyectos propuestos y votados por "
                    "jóvenes, con rendición de cuentas pública.",
     "ogp_values": ["civic_participation", "public_accountability"],
     "lead_institution": "Gerencia de Desarrollo Social",
     "milestones": [{"title": "Ordenanza del presupuesto participativo juvenil", "deliverable": "Ordenanza",
                     "due": (0, 6, 30)},
                    {"title": "Primera convocatoria y votación", "deliverable": "Resultados publicados",
                     "due": (1, 3, 31)}],
     "contributions": (6, 17)},
    {"title": "Acceso a la información en quechua y por radio",
     "problem": "La información pública llega tarde y solo en castellano a las comunidades.",
     "description": "Difundir por radio comunitaria y en quechua los resúmenes del plan, las convocatorias y los "
                    "avances, y fijar plazos de respuesta a las solicitudes de información.",
     "ogp_values": ["transparency", "civic_participation"],
     "lead_institution": "Oficina de Comunicaciones e Imagen Institucional",
     # The weakness: the summaries have a deliverable but no due date ("periodically", the draft said).
     "milestones": [{"title": "Convenio con la radio comunitaria", "deliverable": "Convenio firmado",
                     "due": (0, 3, 31)},
                    {"title": "Resúmenes en quechua publicados", "deliverable": "Audios y textos"}],
     "contributions": (5, 25)},
]

#: The evaluator's assessment of each commitment, in the order of COMMITMENTS (the body of an assessment, without
#: its date). The third is the weak one: a milestone without a date, and mostly an ongoing practice.
ASSESSMENTS: list[dict[str, Any]] = [
    {"verifiable": "yes", "relevance": "yes", "commitment_type": "new_regulation_policy_practice",
     "potential": "positive_change_not_binding",
     "explanation": "El compromiso es verificable: sus tres hitos tienen un entregable y una fecha dentro del "
                    "periodo del plan. Es relevante para la transparencia, la participación cívica y la rendición "
                    "de cuentas, pues une la publicación mensual de datos sobre las obras con comités de vigilancia "
                    "en los distritos. Es una práctica nueva para la municipalidad, que hoy solo publica fichas "
                    "sueltas en su portal de transparencia, pero ninguna norma la respalda y los comités no tienen "
                    "atribuciones definidas, por lo que su potencial de resultados es modesto.",
     "recommendations": "Aprobar por ordenanza o directiva la obligación de publicar cada mes el avance físico y "
                        "financiero de todas las obras, para que la práctica sobreviva a un cambio de gestión. "
                        "Usar un formato de datos abiertos común y el código único de inversión de cada obra, de "
                        "modo que los datos puedan cruzarse con Infobras y con el seguimiento de inversiones del "
                        "Ministerio de Economía y Finanzas. Precisar en qué cinco distritos se instalarán los "
                        "comités de vigilancia, cómo se elegirán sus integrantes y con qué presupuesto se los "
                        "capacitará. Fijar un plazo para que la Gerencia de Infraestructura responda por escrito a "
                        "las observaciones de los comités y publicar esas respuestas. Añadir un indicador de las "
                        "observaciones atendidas, y no solo de los datos publicados."},
    {"verifiable": "yes", "relevance": "yes", "commitment_type": "new_regulation_policy_practice",
     "potential": "binding_or_institutionalized",
     "explanation": "El compromiso es verificable: la ordenanza y la primera convocatoria tienen fecha y un "
                    "entregable concreto. Es relevante para la participación cívica y la rendición de cuentas, "
                    "porque abre a las juventudes la priorización de una parte del gasto y exige informar de su "
                    "ejecución. Es una práctica nueva en la provincia y, al quedar institucionalizada por "
                    "ordenanza, su potencial de resultados es sustancial.",
     "recommendations": "Fijar en la ordenanza un monto o un porcentaje mínimo de la bolsa juvenil, para que no "
                        "dependa de la disponibilidad presupuestal de cada año. Definir el rango de edad de quienes "
                        "pueden proponer y votar, y las garantías para la participación de menores de edad "
                        "(consentimiento de sus madres, padres o apoderados y protección de sus datos). Prever "
                        "mesas de votación presenciales en los distritos rurales, además del voto en línea, para no "
                        "excluir a jóvenes sin conectividad. Añadir un hito de rendición de cuentas pública sobre la "
                        "ejecución de los proyectos ganadores antes del cierre del plan. Incorporar al Consejo "
                        "Provincial de la Juventud en la redacción del reglamento y en el seguimiento."},
    {"verifiable": "unclear", "relevance": "yes", "commitment_type": "continuation_of_ongoing_practice",
     "potential": "unclear",
     "explanation": "El compromiso es relevante para la transparencia y la participación cívica, pues busca que la "
                    "información pública llegue a las comunidades quechuahablantes. Sin embargo, el hito de los "
                    "resúmenes en quechua no tiene fecha ni periodicidad, y el plazo de respuesta a las solicitudes "
                    "de información que menciona la descripción no figura en ningún hito, de modo que no es "
                    "plenamente verificable. La municipalidad ya emite un programa semanal en la radio comunitaria "
                    "desde la gestión anterior, por lo que el compromiso continúa en buena parte una práctica "
                    "existente y no está claro qué resultados añadirá.",
     "recommendations": "Fijar una fecha y una periodicidad para los resúmenes en quechua (por ejemplo, uno por "
                        "trimestre) y precisar qué documentos se traducirán. Explicar qué añade el compromiso al "
                        "programa radial que la municipalidad ya emite: nuevos contenidos, nuevas emisoras o nuevos "
                        "distritos alcanzados. Convertir el plazo de respuesta a las solicitudes de acceso a la "
                        "información en un hito propio, con una directiva que lo fije y un registro público de su "
                        "cumplimiento. Validar las traducciones con hablantes de las comunidades y con la Dirección "
                        "Desconcentrada de Cultura. Medir el alcance con indicadores de audiencia y de solicitudes "
                        "recibidas desde las comunidades, desagregados por género."},
]

#: The evaluator's judgements of checks where her reading adds to what the record shows: (check, answer,
#: explanation).
JUDGEMENTS = [
    ("2.6", "somewhat",
     "El foro reúne a gobierno, sociedad civil, academia, sector privado, juventudes y medios, y sesionó con "
     "regularidad. Sin embargo, casi todas las sesiones se realizaron en la capital provincial, con escasa "
     "presencia de las comunidades campesinas y sin interpretación al quechua, por lo que su inclusividad es "
     "parcial."),
    ("3.3.1", "unclear",
     "El hito de los resúmenes en quechua no tiene fecha ni periodicidad, y el plazo de respuesta a las "
     "solicitudes de información que menciona la descripción no tiene hito."),
]

REASONS = {
    "accepted": "El foro incorporó el aporte al borrador del plan.",
    "partially_accepted": "Se incorpora en parte: el resto excede las competencias de la municipalidad.",
    "merged": "Se integró con aportes similares en un mismo compromiso.",
    "rejected": "No se incorpora: ya existe una obligación legal vigente que lo cubre y se vigila su cumplimiento.",
    "out_of_scope": "Corresponde al gobierno regional; el foro lo trasladó formalmente.",
}

# -- the first year of implementation -------------------------------------------------------------------------

#: Progress reported in the plan's first year: (commitment's place in COMMITMENTS, milestone's place in it or None
#: for a note on the whole commitment, status, (month, day) of the plan's first year, summary, reason or None,
#: the title of a publication made that day as evidence or None).
PROGRESS: list[tuple[int, int | None, str, tuple[int, int], str, str | None, str | None]] = [
    (2, 0, "completed", (3, 20), "Se firmó el convenio con Radio Comunitaria La Voz del Marañón por dos años.", None,
     "Convenio con la radio comunitaria"),
    (0, 0, "completed", (4, 22), "Se publicó el inventario de 48 obras en ejecución, con su costo y avance.", None,
     "Inventario de obras en ejecución (datos abiertos)"),
    (1, 0, "in_progress", (4, 30), "El proyecto de ordenanza pasó a la comisión de asuntos sociales del concejo.",
     None, None),
    (1, 0, "completed", (6, 20), "El concejo aprobó la ordenanza del presupuesto participativo juvenil.", None,
     "Ordenanza del presupuesto participativo juvenil"),
    (0, 1, "in_progress", (6, 30), "Se contrató el desarrollo del mapa; las fotos se toman con los comités.", None,
     None),
    (2, 1, "in_progress", (7, 15), "Se grabaron los primeros doce resúmenes en quechua.", None, None),
    (0, 1, "delayed", (9, 10), "El proveedor del mapa pidió tres meses más: faltan las fotos de tres distritos.",
     "Las lluvias cortaron el acceso a tres distritos en agosto.", None),
    (2, 1, "completed", (9, 30), "Los resúmenes en quechua se difunden cada semana por radio y en la web.", None,
     "Resúmenes del plan en quechua (audios y textos)"),
    (0, 2, "in_progress", (10, 20), "Se instalaron los comités de vigilancia de dos de los cinco distritos.", None,
     None),
    (1, None, "in_progress", (11, 5), "La primera convocatoria juvenil se preparará con el calendario escolar.",
     None, None),
]
#: The amendment of the youth budget commitment, approved by the forum in the session of that month of the first
#: year: its vote moved after the school year's exams.
AMENDMENT: dict[str, Any] = {"month": 7, "commitment": 1, "milestone": 1, "due": (1, 5, 31),
             "reason": "La votación se mueve a mayo para no coincidir con los exámenes escolares; lo aprobó el foro."}
#: The sessions of the first year that reviewed the progress of every commitment, with the comments collected:
#: (month, [(organization's place in ORGANIZATIONS, comment)]).
REVIEWS: list[tuple[int, list[tuple[int, str]]]] = [
    (6, [(3, "Las rondas piden que el mapa de obras muestre también las obras paralizadas."),
         (9, "El consejo de la juventud pide que la convocatoria se difunda en los colegios.")]),
    (11, [(4, "El colectivo pide publicar el avance del mapa aunque falten distritos."),
          (10, "La radio propone un programa mensual sobre el avance del plan.")]),
]
#: The evaluator's end-of-commitment assessment of the commitment completed in the first year (its place in
#: COMMITMENTS), a few weeks after its last milestone.
END_ASSESSMENT: dict[str, Any] = {
    "commitment": 2, "after_days": 20, "completion": "complete",
    "early_results": {"transparency": "marginal", "civic_participation": "marginal"},
    "explanation": "El convenio y los resúmenes semanales en quechua acercaron la información del plan a las "
                   "comunidades; aún no hay plazos de respuesta a las solicitudes de información en quechua.",
    "recommendations": ["Fijar por ordenanza plazos de respuesta a las solicitudes de información en quechua."],
}
#: The lead contact of each commitment: the representative (by name) of the roster who reports its progress.
LEAD_CONTACTS = ["Julio Tarazona Vega", "Carlos Mendoza Ríos", "Hernán Tello Acuña"]
