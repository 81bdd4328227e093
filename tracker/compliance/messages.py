"""The sentences of the checks' explanations, in English and Spanish (`texts.render` fills them in).

Each entry is (English, Spanish); `{name}` marks a value the check supplies.
"""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "policy.notice": ("The forum's policy asks for {days} {days:day|days} of advance notice (our default is "
                      "{default}).", "La política del foro pide {days} {days:día|días} de anticipación (nuestro "
                      "valor por defecto es {default})."),
    "policy.response": ("The forum's policy asks for a written answer within {days} {days:day|days} (our default "
                        "is {default}).", "La política del foro pide una respuesta escrita en {days} {days:día|días} "
                        "(nuestro valor por defecto es {default})."),
    "policy.response_default": ("A written answer is due within {days} days: our default, which the forum's policy "
                                "does not change.", "Se espera una respuesta escrita en {days} días: nuestro valor "
                                "por defecto, que la política del foro no cambia."),
    "policy.meetings": ("The forum's policy asks for {n} {n:review|reviews} of progress with civil society a year "
                        "(OGP's minimum is {default}).", "La política del foro pide {n} {n:revisión|revisiones} de "
                        "avances con la sociedad civil al año (el mínimo de OGP es {default})."),
    "policy.meetings_default": ("{n} reviews of progress with civil society are due each year: OGP's minimum, which "
                                "the forum's policy does not change.", "Se esperan {n} revisiones de avances con la "
                                "sociedad civil cada año: el mínimo de OGP, que la política del foro no cambia."),
    "late": ("{n} {n:piece of evidence was|pieces of evidence were} logged more than 30 days after {n:it|they} "
             "occurred ({n:position|positions} {positions}).",
             "{n} {n:evidencia se registró|evidencias se registraron} más de 30 días después de ocurrir "
             "({n:posición|posiciones} {positions})."),
    "1.1.none": ("No forum had been established by then.", "Hasta entonces no se había establecido un foro."),
    "1.1.after": ("The forum was established on {established_on}, after co-creation ended on {ends}.",
                  "El foro se estableció el {established_on}, después del fin de la co-creación el {ends}."),
    "1.1.no_members": ("The forum was established on {established_on}, but no member organization is recorded "
                       "during co-creation.", "El foro se estableció el {established_on}, pero no se registra "
                       "ninguna organización miembro durante la co-creación."),
    "1.1.yes": ("The forum was established on {established_on} and had {n} member {n:organization|organizations} "
                "during co-creation.",
                "El foro se estableció el {established_on} y tuvo {n} {n:organización miembro|organizaciones "
                "miembro} durante la co-creación."),
    "1.2.yes": ("During co-creation its members included {gov} governmental and {ngo} non-governmental "
                "{ngo:organization|organizations}.",
                "Durante la co-creación sus miembros incluían {gov} {gov:organización gubernamental|organizaciones "
                "gubernamentales} y {ngo} no {ngo:gubernamental|gubernamentales}."),
    "1.2.no_government": ("No governmental organization was a member during co-creation.",
                          "Ninguna organización gubernamental fue miembro durante la co-creación."),
    "1.2.no_others": ("No non-governmental organization was a member during co-creation.",
                      "Ninguna organización no gubernamental fue miembro durante la co-creación."),
    "1.2.no_members": ("No organization was a member during co-creation.",
                       "Ninguna organización fue miembro durante la co-creación."),
    "1.3.yes": ("{n} {n:session|sessions} held during co-creation {n:was|were} attended by non-governmental "
                "representatives or guests.",
                "{n} {n:sesión realizada|sesiones realizadas} durante la co-creación {n:contó|contaron} con "
                "representantes o invitados no gubernamentales."),
    "1.3.unrecorded": ("{n} {n:session was|sessions were} held during co-creation, but no attendance was recorded.",
                       "Se {n:realizó|realizaron} {n} {n:sesión|sesiones} durante la co-creación, pero no se "
                       "registró la asistencia."),
    "1.3.government_only": ("{n} {n:session was|sessions were} held during co-creation, attended by government only.",
                            "Se {n:realizó|realizaron} {n} {n:sesión|sesiones} durante la co-creación, solo con "
                            "asistencia del gobierno."),
    "1.3.none": ("No session was held during co-creation.", "No se realizó ninguna sesión durante la co-creación."),
    "1.4.none": ("No endorsement of the plan stands.", "No hay una aprobación vigente del plan."),
    "1.4.withdrawn": ("{n} {n:endorsement was|endorsements were} withdrawn.",
                      "Se {n:retiró|retiraron} {n} {n:aprobación|aprobaciones}."),
    "1.4.yes": ("The plan was endorsed on {on}, signed by {gov} governmental and {ngo} non-governmental "
                "{ngo:representative|representatives}.",
                "El plan se aprobó el {on}, firmado por {gov} {gov:representante gubernamental|representantes "
                "gubernamentales} y {ngo} no {ngo:gubernamental|gubernamentales}."),
    "1.4.unsigned": ("The endorsement stands but records no signatories.",
                     "La aprobación está vigente pero no registra firmantes."),
    "1.4.only_government": ("The plan was endorsed on {on}, but only governmental representatives signed.",
                            "El plan se aprobó el {on}, pero solo firmaron representantes gubernamentales."),
    "1.4.only_others": ("The plan was endorsed on {on}, but only non-governmental representatives signed.",
                        "El plan se aprobó el {on}, pero solo firmaron representantes no gubernamentales."),
    "1.4.members": ("Its signers came from {signed} of the {of} member {of:organization|organizations} of that day.",
                    "Sus firmantes provinieron de {signed} de {of:la|las} {of} {of:organización "
                    "miembro|organizaciones miembro} de ese día."),
    "1.4.unsigned_members": ("No representative of these member organizations signed: {names}.",
                             "No firmó ningún representante de estas organizaciones miembro: {names}."),
    "1.4.present": ("{n} member {n:organization was|organizations were} present at the session “{session}”; {signed} "
                    "of them signed.",
                    "{n} {n:organización miembro estuvo presente|organizaciones miembro estuvieron presentes} en la "
                    "sesión «{session}»; {signed} de ellas {signed:firmó|firmaron}."),
    "1.4.present_unsigned": ("Present but not signing: {names}.", "Presentes pero sin firmar: {names}."),
    "1.4.changed": ("Since the forum endorsed the plan, {n} {n:commitment|commitments} changed or {n:was|were} "
                    "added: {commitments}. The plan as it stands is not the text the forum endorsed.",
                    "Desde que el foro aprobó el plan, {n} {n:compromiso cambió o se agregó|compromisos cambiaron o "
                    "se agregaron}: {commitments}. El plan vigente no es el texto que el foro aprobó."),
    "2.1.none": ("No OGP webpage has been published.", "No se ha publicado una página web de OGP."),
    "2.1.gap": ("The OGP webpage was published on {on}, but until {until} {n} {n:gap|gaps} between publications "
                "{n:exceeds|exceed} four months.",
                "La página web de OGP se publicó el {on}, pero hasta el {until} hay {n} {n:intervalo|intervalos} de "
                "más de cuatro meses entre publicaciones."),
    "2.1.yes": ("The OGP webpage was published on {on}; {n} {n:publication|publications} until {until}, never four "
                "months apart.",
                "La página web de OGP se publicó el {on}; {n} {n:publicación|publicaciones} hasta el {until}, nunca "
                "con más de cuatro meses de distancia."),
    "2.2.no_sessions": ("No session was held during co-creation.",
                        "No se realizó ninguna sesión durante la co-creación."),
    "2.2.yes": ("{n:The|All} {n} {n:session|sessions} held during co-creation {n:was|were} announced in time, with "
                "materials available in advance (in the announcement or published for the session).",
                "{n:La|Las} {n} {n:sesión realizada|sesiones realizadas} durante la co-creación se "
                "{n:anunció|anunciaron} a tiempo, con materiales disponibles de antemano (en el anuncio o publicados "
                "para la sesión)."),
    "2.2.unclear": ("{n} of {of} {of:session|sessions} held during co-creation {n:was|were} not announced in time "
                    "with materials available in advance.",
                    "{n} de {of} {of:sesión realizada|sesiones realizadas} durante la co-creación no se "
                    "{n:anunció|anunciaron} a tiempo con materiales disponibles de antemano."),
    "2.2.no": ("None of the {of} {of:session|sessions} held during co-creation was announced in time with materials "
               "available in advance.",
               "Ninguna de {of:la|las} {of} {of:sesión realizada|sesiones realizadas} durante la co-creación se "
               "anunció a tiempo con materiales disponibles de antemano."),
    "2.3.input": ("The public could contribute: {consultations} {consultations:consultation|consultations} open "
                  "during co-creation, {public} {public:contribution|contributions} from outside the forum.",
                  "El público pudo aportar: {consultations} {consultations:consulta abierta|consultas abiertas} "
                  "durante la co-creación, {public} {public:aporte|aportes} de fuera del foro."),
    "2.3.no_input": ("No public consultation was open and no contribution came from outside the forum during "
                     "co-creation.", "No hubo consulta pública abierta ni aportes de fuera del foro durante la "
                     "co-creación."),
    "2.3.minutes_all": ("Minutes of {of:the|all} {of} {of:session|sessions} held were published.",
                        "Se {of:publicó el acta|publicaron las actas} de {of:la|las} {of} {of:sesión "
                        "realizada|sesiones realizadas}."),
    "2.3.minutes_some": ("Minutes of {n} of {of} {of:session|sessions} held were published.",
                         "Se {n:publicó el acta|publicaron las actas} de {n} de {of} {of:sesión realizada|sesiones "
                         "realizadas}."),
    "2.3.minutes_none": ("No minutes of sessions held during co-creation were published.",
                         "No se publicaron actas de sesiones realizadas durante la co-creación."),
    "2.4.none": ("No contribution was received during co-creation.",
                 "No se recibieron aportes durante la co-creación."),
    "2.4.no_response": ("None of the {n} {n:contribution|contributions} received has a response.",
                        "Ninguno {n:del|de los} {n} {n:aporte recibido|aportes recibidos} tiene respuesta."),
    "2.4.unclear": ("{n} of {of} {of:contribution|contributions} {n:lacks|lack} a response or its written "
                    "communication (email, letter, publication, WhatsApp or SMS).",
                    "{n} de {of} {of:aporte|aportes} no {n:tiene|tienen} respuesta o su comunicación escrita "
                    "(correo, carta, publicación, WhatsApp o SMS)."),
    "2.4.after_window": ("{n} of them {n:was|were} answered in writing only after co-creation ended on {ends}, which "
                         "does not count as feedback during the creation of the plan.",
                         "{n} de ellos {n:recibió|recibieron} respuesta escrita solo después del fin de la "
                         "co-creación el {ends}, lo que no cuenta como retroalimentación durante la elaboración del "
                         "plan."),
    "2.4.yes": ("{n:The|All} {n} {n:contribution|contributions} received a reasoned response, communicated in "
                "writing.",
                "{n:El|Los} {n} {n:aporte recibió|aportes recibieron} una respuesta razonada, comunicada por escrito."),
    "2.5.sessions_yes": ("{n} {n:session|sessions} in co-creation had non-governmental attendance.",
                         "{n} {n:sesión|sesiones} de co-creación {n:tuvo|tuvieron} asistencia no gubernamental."),
    "2.5.sessions_no": ("Only {n} {n:session|sessions} in co-creation had non-governmental attendance (two are "
                        "needed).",
                        "Solo {n} {n:sesión|sesiones} de co-creación {n:tuvo|tuvieron} asistencia no gubernamental "
                        "(se necesitan dos)."),
    "2.5.agenda_yes": ("{n} agenda {n:item was|items were} proposed by non-governmental organizations.",
                       "{n} {n:punto de agenda fue propuesto|puntos de agenda fueron propuestos} por organizaciones "
                       "no gubernamentales."),
    "2.5.agenda_no": ("No agenda item was proposed by a non-governmental organization.",
                      "Ningún punto de agenda fue propuesto por una organización no gubernamental."),
    "2.5.contributions_yes": ("{n} commitment {n:draft or revision|drafts or revisions} came from contributions.",
                              "{n} {n:borrador o revisión|borradores o revisiones} de compromisos "
                              "{n:provino|provinieron} de aportes."),
    "2.5.contributions_no": ("No commitment was drafted or revised from a contribution.",
                             "Ningún compromiso se redactó o revisó a partir de un aporte."),
    "2.6.facts": ("{sectors} {sectors:sector|sectors} among member organizations during co-creation; {share} % "
                  "non-governmental.",
                  "{sectors} {sectors:sector|sectores} entre las organizaciones miembro durante la co-creación; "
                  "{share} % no gubernamentales."),
    "2.6.gender": ("Current representatives with a recorded gender: {female} % women, {male} % men.",
                   "Representantes actuales con género registrado: {female} % mujeres, {male} % hombres."),
    "2.6.no_gender": ("No current representative has a recorded gender.",
                      "Ningún representante actual tiene género registrado."),
    "2.6.very": ("Very: at least 4 sectors, 40 % non-governmental, neither gender under 30 %.",
                 "Muy: al menos 4 sectores, 40 % no gubernamentales, ningún género bajo 30 %."),
    "2.6.somewhat": ("Somewhat: at least 2 sectors and a non-governmental organization.",
                     "Algo: al menos 2 sectores y una organización no gubernamental."),
    "2.6.not": ("Not: fewer than 2 sectors or no non-governmental organization.",
                "No: menos de 2 sectores o ninguna organización no gubernamental."),
    "3.1.none": ("The commitment has no milestones.", "El compromiso no tiene hitos."),
    "3.1.unclear": ("{n} of {of} {of:milestone|milestones} {n:lacks|lack} a deliverable or a due date between "
                    "{start} and {end}.",
                    "{n} de {of} {of:hito|hitos} no {n:tiene|tienen} entregable o fecha de vencimiento entre {start} "
                    "y {end}."),
    "3.1.yes": ("{n:The|All} {n} {n:milestone has|milestones have} a deliverable and a due date between {start} and "
                "{end}.",
                "{n:El|Los} {n} {n:hito tiene|hitos tienen} entregable y fecha de vencimiento entre {start} y {end}."),
    "3.2.yes": ("It advances {values}.", "Promueve {values}."),
    "3.2.technology_only": ("Technology and innovation alone does not justify relevance to OGP values.",
                            "Tecnología e innovación por sí sola no justifica la relevancia para los valores de "
                            "OGP."),
    "3.2.none": ("It names no OGP value.", "No indica ningún valor de OGP."),
    "3.unassessed": ("The evaluator has not assessed the commitment yet.",
                     "El evaluador aún no ha valorado el compromiso."),
    "3.3.new_regulation_policy_practice": (
        "The evaluator assessed it as a new regulation, policy, practice or requirement.",
        "El evaluador lo valoró como una nueva regulación, política, práctica o requisito."),
    "3.3.continuation_of_ongoing_practice": (
        "The evaluator assessed it as a continuation of ongoing practice in line with existing legislation, "
        "policies or requirements.", "El evaluador lo valoró como la continuación de una práctica en curso, "
        "conforme a la legislación, políticas o requisitos existentes."),
    "3.4.binding_or_institutionalized": (
        "The evaluator expects a binding or institutionalized change of rules, practices or policies.",
        "El evaluador espera un cambio vinculante o institucionalizado de normas, prácticas o políticas."),
    "3.4.positive_change_not_binding": (
        "The evaluator expects a positive change that will not be binding or institutionalized.",
        "El evaluador espera un cambio positivo que no será vinculante ni institucionalizado."),
    "3.4.unclear": ("The evaluator found the potential unclear.", "El evaluador consideró incierto el potencial."),
    "3.4.irm": ("In the IRM's terms the potential for results is {irm}.",
                "En términos del IRM, el potencial de resultados es {irm}."),
    "3.4.disagree": ("Warning: a continuation of ongoing practice has an unclear potential, yet the assessment "
                     "gives another.", "Advertencia: la continuación de una práctica en curso tiene un potencial "
                     "incierto, pero la valoración indica otro."),
    "3.5.yes": ("The evaluator recommends changes to the commitment's design.",
                "El evaluador recomienda cambios en el diseño del compromiso."),
    "3.5.no": ("The evaluator recommends no change.", "El evaluador no recomienda cambios."),
    "S.no_forum": ("No forum had been established by then.", "Hasta entonces no se había establecido un foro."),
    "S.cadence.yes": ("Since {since} the forum met in every {frequency} period of its rule.",
                      "Desde el {since} el foro se reunió en cada periodo {frequency} de su regla."),
    "S.cadence.unclear": ("Since {since} the forum missed one {frequency} period of its rule.",
                          "Desde el {since} el foro no se reunió en un periodo {frequency} de su regla."),
    "S.cadence.no": ("Since {since} the forum missed {n} periods of its rule ({frequency}).",
                     "Desde el {since} el foro no se reunió en {n} periodos de su regla ({frequency})."),
    "S.cadence.pending": ("The current period, from {since}, has no session yet.",
                          "El periodo en curso, desde el {since}, aún no tiene sesión."),
    "S.six_months.no": ("{n} {n:gap|gaps} between sessions {n:exceeds|exceed} 183 days; the longest is {days} days.",
                        "{n} {n:intervalo|intervalos} entre sesiones {n:supera|superan} los 183 días; el mayor es de "
                        "{days} días."),
    "S.six_months.yes": ("No gap between sessions, nor since the last one, exceeds 183 days (longest: {days}).",
                         "Ningún intervalo entre sesiones, ni desde la última, supera los 183 días (mayor: "
                         "{days})."),
    "S.six_months.young": ("No session yet, but the forum is {days} days old.",
                           "Aún no hay sesiones, pero el foro tiene {days} días."),
    "S.alternates.no_members": ("The forum has no member organization.",
                                "El foro no tiene organizaciones miembro."),
    "S.alternates.no": ("{n} of {of} member {of:organization|organizations} {n:lacks|lack} a primary or an alternate "
                        "representative.",
                        "{n} de {of} {of:organización miembro|organizaciones miembro} no {n:tiene|tienen} "
                        "representante titular o alterno."),
    "S.alternates.yes": ("{n:The|All} {n} member {n:organization has|organizations have} a primary and an alternate "
                         "representative.",
                         "{n:La|Las} {n} {n:organización miembro tiene|organizaciones miembro tienen} representante "
                         "titular y alterno."),
    "S.implementation.not_started": ("Implementation starts on {since}: nothing to count yet.",
                                     "La implementación empieza el {since}: aún no hay nada que contar."),
    "S.implementation.no": ("{n} {n:year|years} of implementation had fewer than {required} "
                            "{required:review|reviews} of progress with civil society (progress of the commitments "
                            "presented, civil society present, comments recorded).",
                            "{n} {n:año|años} de implementación {n:tuvo|tuvieron} menos de {required} "
                            "{required:revisión|revisiones} de avances con la sociedad civil (avance de los "
                            "compromisos presentado, sociedad civil presente, comentarios registrados)."),
    "S.implementation.running": ("The current year has {n} {n:review|reviews} of progress with civil society so far, "
                                 "of {required}; it ends on {until}.",
                                 "El año en curso lleva {n} {n:revisión|revisiones} de avances con la sociedad "
                                 "civil, de {required}; termina el {until}."),
    "S.implementation.yes": ("{n:The|Each of} {n} {n:year|years} of implementation had at least {required} "
                             "{required:review|reviews} of progress with civil society (progress of the commitments "
                             "presented, civil society present, comments recorded).",
                             "{n:El|Cada uno de los} {n} {n:año|años} de implementación tuvo al menos {required} "
                             "{required:revisión|revisiones} de avances con la sociedad civil (avance de los "
                             "compromisos presentado, sociedad civil presente, comentarios registrados)."),
    "S.implementation.not_counted": ("{n} {n:session|sessions} held during implementation did not count: "
                                     "{no_progress_presented} presented no progress of the plan's commitments, "
                                     "{no_civil_society_present} had no civil society present and "
                                     "{no_comments_recorded} {no_comments_recorded:has|have} no comments recorded.",
                                     "{n} {n:sesión celebrada|sesiones celebradas} durante la implementación no "
                                     "{n:cuenta|cuentan}: {no_progress_presented} no "
                                     "{no_progress_presented:presentó|presentaron} avances de los compromisos del "
                                     "plan, {no_civil_society_present} no {no_civil_society_present:tuvo|tuvieron} "
                                     "presente a la sociedad civil y {no_comments_recorded} no "
                                     "{no_comments_recorded:tiene|tienen} comentarios registrados."),
    "S.response_time.none": ("No contribution has been received.", "No se han recibido aportes."),
    "S.response_time.figures": ("{n} {n:contribution|contributions} answered in writing: median {median} "
                                "{median:day|days}, longest {max}; {waiting} waiting.",
                                "{n} {n:aporte respondido|aportes respondidos} por escrito: mediana de {median} "
                                "{median:día|días}, máximo {max}; {waiting} en espera."),
    "S.response_time.no": ("{slow} took longer than allowed and {overdue} {overdue:has|have} waited longer.",
                           "{slow} {slow:tardó|tardaron} más de lo permitido y {overdue} {overdue:lleva|llevan} "
                           "esperando más."),
    "S.response_time.yes": ("None took or has waited longer than allowed.",
                            "Ninguno tardó ni lleva esperando más de lo permitido."),
    "S.end_assessment.not_endorsed": ("The plan has no standing endorsement: no commitment is being implemented.",
                                      "El plan no tiene una aprobación vigente: ningún compromiso está en "
                                      "implementación."),
    "S.end_assessment.no_commitments": ("The endorsement holds no commitment.",
                                        "La aprobación no comprende ningún compromiso."),
    "S.end_assessment.not_due": ("No end-of-commitment assessment is due yet; the first falls due on {due}.",
                                 "Aún no vence ninguna evaluación de fin de compromiso; la primera vence el {due}."),
    "S.end_assessment.no": ("{missing} end-of-commitment {missing:assessment is|assessments are} overdue and {late} "
                            "{late:was|were} made after {late:its|their} due day.",
                            "{missing} {missing:evaluación de fin de compromiso está vencida|evaluaciones de fin de "
                            "compromiso están vencidas} y {late} se {late:hizo|hicieron} después de su fecha límite."),
    "S.end_assessment.yes": ("{n} end-of-commitment {n:assessment was|assessments were} made on time; {pending} "
                             "{pending:is|are} not due yet.",
                             "{n} {n:evaluación de fin de compromiso se hizo|evaluaciones de fin de compromiso se "
                             "hicieron} a tiempo; {pending} aún no {pending:vence|vencen}."),
}
