#!/usr/bin/env python3
"""Generate a synthetic pair of document releases for accordiff benchmarks.

    benchmarks/gen_pair.py --size 10MB [--lang es|en] [--shape SHAPE] [--seed N] --out DIR

writes DIR/old.txt, DIR/new.txt and DIR/truth.json (truth.json last, so its presence
means the pair is complete). Standard library only, and deterministic: the same
arguments give the same bytes on every run and machine (nothing depends on hash
randomisation or on the clock).

Shapes:
  normal     official-looking prose: sentences of 12-35 words ending with a full stop,
             paragraphs of 2-8 sentences separated by blank lines, about a third of them
             hard-wrapped at 76-80 columns. new.txt is old.txt with this edit mix, in
             percent of old paragraphs: 5 reworded (a few words substituted, inserted or
             deleted in one or two sentences), 2 dropped, 2 added, 1 moved to a distant
             position (at least a quarter of the document away).
  unrelated  two independent documents (same vocabulary, different text).
  repeated   one sentence repeated to the size (paragraphs of 2-8 copies); same edit mix,
             so rewording is the only thing that makes a sentence unique.
  nobreaks   no full stop anywhere: one huge single-line paragraph of comma-joined
             clauses; the edit mix is applied to the clauses.
  tiny       one-word paragraphs (about a million at 10MB); same edit mix (a reworded
             paragraph is a different word).

Sizes take a K, M or G suffix (KB/KiB and so on are the same: powers of 1024). old.txt
is the first paragraph boundary at or past the size; new.txt is within a few percent.
"""

import argparse
import hashlib
import json
import os
import random
import re
import sys
from bisect import bisect_left

FORMAT_VERSION = 1

# Edit mix, as fractions of the old document's units (paragraphs, or clauses for nobreaks).
REWORD, DROP, ADD, MOVE = 0.05, 0.02, 0.02, 0.01

# ---------------------------------------------------------------------------------------
# Vocabularies. Placeholders in braces are filled per use (numbers, dates), which keeps
# sentences unique the way real documents are. Verbs come as (singular, plural) so they
# agree with the subject. Every subject starts with an article, so lower-casing its first
# letter after a connector is always right.

ES = {
    "subjects_sg": [
        "La Secretaría de Hacienda y Crédito Público", "La Secretaría de Economía",
        "La Secretaría de Medio Ambiente y Recursos Naturales", "El Consejo General",
        "La Comisión Nacional del Agua", "El Gobierno Federal", "La Junta de Gobierno",
        "El Comité Técnico de Evaluación", "La Dirección General de Planeación",
        "El Instituto Nacional de Estadística y Geografía", "El Banco de México",
        "La Auditoría Superior de la Federación", "El Poder Ejecutivo",
        "La Asamblea General", "El Tribunal Federal de Justicia Administrativa",
        "La Unidad de Asuntos Jurídicos", "El Órgano Interno de Control",
        "La Comisión Binacional", "La Procuraduría Federal del Consumidor",
        "El Grupo de Trabajo", "La Delegación mexicana", "El Congreso de la Unión",
        "La Cámara de Diputados", "El Senado de la República",
        "La Coordinación Nacional de Protección Civil",
        "El Servicio de Administración Tributaria", "La Oficialía Mayor",
    ],
    "subjects_pl": [
        "Las autoridades competentes", "Los Estados Parte", "Las partes",
        "Los titulares de las dependencias", "Las entidades federativas",
        "Los organismos descentralizados", "Los municipios",
        "Los representantes de ambos gobiernos", "Las instituciones de educación superior",
        "Los integrantes del Comité", "Las dependencias y entidades",
    ],
    "verbs": [
        ("aprobó", "aprobaron"), ("revisó", "revisaron"), ("examinó", "examinaron"),
        ("emitirá", "emitirán"), ("publicará", "publicarán"), ("evaluará", "evaluarán"),
        ("autorizó", "autorizaron"), ("ratificó", "ratificaron"), ("analizó", "analizaron"),
        ("actualizará", "actualizarán"), ("supervisará", "supervisarán"),
        ("validó", "validaron"), ("remitió", "remitieron"), ("presentará", "presentarán"),
        ("difundirá", "difundirán"), ("elaborará", "elaborarán"),
        ("dio seguimiento a", "dieron seguimiento a"), ("tomó nota de", "tomaron nota de"),
        ("acordó revisar", "acordaron revisar"),
        ("se comprometió a fortalecer", "se comprometieron a fortalecer"),
        ("deberá presentar", "deberán presentar"), ("podrá modificar", "podrán modificar"),
        ("propuso ampliar", "propusieron ampliar"), ("decidió publicar", "decidieron publicar"),
        ("anunció la revisión de", "anunciaron la revisión de"),
        ("instruyó la actualización de", "instruyeron la actualización de"),
    ],
    "objects": [
        "los lineamientos de operación del programa", "el programa anual de trabajo",
        "el presupuesto de egresos", "las reglas de carácter general",
        "el informe trimestral de actividades",
        "los mecanismos de coordinación interinstitucional",
        "las medidas de transparencia y acceso a la información",
        "el padrón de beneficiarios", "los recursos asignados al fondo",
        "el calendario de actividades", "los indicadores de desempeño",
        "el reglamento interior", "las disposiciones administrativas aplicables",
        "los convenios de colaboración", "el dictamen correspondiente",
        "el proyecto de decreto", "las normas oficiales mexicanas",
        "el plan de manejo de la cuenca",
        "los programas de inversión en infraestructura hidráulica",
        "el acuerdo de coordinación", "los estados financieros del ejercicio",
        "la estrategia nacional de seguridad hídrica",
        "el sistema de información estadística", "las observaciones de la auditoría",
        "los protocolos de atención a emergencias", "el anteproyecto de presupuesto",
        "la propuesta de reforma", "los criterios de asignación de recursos",
        "el registro público de concesiones", "las tarifas de los servicios",
        "el inventario de bienes muebles", "los términos de referencia",
        "el memorándum de entendimiento", "la agenda bilateral",
    ],
    "complements": [
        "en el ámbito de su competencia",
        "de conformidad con lo dispuesto en el artículo {n} de la Ley",
        "durante el ejercicio fiscal {year}",
        "a más tardar el {day} de {month} de {year}",
        "en coordinación con las autoridades estatales y municipales",
        "con el propósito de garantizar el cumplimiento de los objetivos establecidos",
        "en términos de la normatividad vigente",
        "sin perjuicio de las atribuciones que correspondan a otras dependencias",
        "mediante los mecanismos que para tal efecto se establezcan",
        "con base en la información disponible",
        "a fin de asegurar la rendición de cuentas",
        "en los plazos previstos por el presente ordenamiento",
        "para el cumplimiento de las metas del Plan Nacional de Desarrollo",
        "en beneficio de la población más vulnerable",
        "por un monto de {amount} millones de pesos",
        "en la sesión ordinaria celebrada el {day} de {month}",
        "con la participación de los sectores social y privado",
        "en las regiones norte y sureste del país",
        "conforme al Acuerdo No. {n} del Consejo",
        "en colaboración con el Gobierno de los EE. UU.",
        "equivalente al {pct} por ciento del total",
        "en su caso", "de manera oportuna", "sin excepción", "en lo conducente",
        "previa opinión del Comité", "con cargo al presupuesto autorizado",
        "dentro de los {n} días hábiles siguientes",
        "en apego a los principios de legalidad y eficiencia",
        "en materia de protección civil", "respecto de las concesiones vigentes",
        "a partir del {day} de {month} de {year}",
        "en el marco del Acuerdo de Cooperación",
        "con el apoyo técnico de organismos internacionales",
        "según lo previsto en la fracción {roman} del artículo {n}",
        "de acuerdo con el calendario aprobado",
    ],
    "connectors": [
        "Asimismo,", "Por otra parte,", "En consecuencia,", "Además,", "De igual forma,",
        "En ese sentido,", "Para tal efecto,", "No obstante,", "Por lo anterior,",
        "En este contexto,",
    ],
    "links": [", y", ", por lo que", ", mientras que", ", en tanto que", "; asimismo,"],
    "synonyms": {
        "revisó": "analizó", "analizó": "examinó", "programa": "plan",
        "lineamientos": "criterios", "mecanismos": "procedimientos",
        "autoridades": "instancias", "fortalecer": "consolidar", "garantizar": "asegurar",
        "informe": "reporte", "recursos": "fondos", "oportuna": "expedita",
        "plazos": "términos", "propósito": "objeto", "población": "ciudadanía",
        "medidas": "acciones", "disposiciones": "normas", "publicará": "difundirá",
        "evaluará": "valorará", "aprobó": "autorizó", "Comité": "Consejo",
        "vigente": "aplicable", "establecidos": "previstos", "apoyo": "acompañamiento",
        "estatales": "locales", "trimestral": "semestral", "anual": "bienal",
        "norte": "centro", "sureste": "noreste", "ordinaria": "extraordinaria",
    },
    "inserts": [
        "también", "oportunamente", "debidamente", "nuevamente", "expresamente",
        "inclusive", "en su caso", "cuando proceda", "de ser necesario", "en forma conjunta",
    ],
    "months": [
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
        "septiembre", "octubre", "noviembre", "diciembre",
    ],
    # Spanish contractions the templates can produce ("a el" -> "al").
    "fixups": [(" a el ", " al "), (" de el ", " del ")],
}

EN = {
    "subjects_sg": [
        "The Ministry of Finance", "The Department of Economic Affairs",
        "The Ministry of Environment and Natural Resources", "The Governing Council",
        "The National Water Commission", "The Federal Government", "The Board of Directors",
        "The Technical Evaluation Committee", "The Directorate General for Planning",
        "The National Statistics Office", "The Central Bank",
        "The Office of the Auditor General", "The Executive",
        "The General Assembly", "The Federal Administrative Tribunal",
        "The Legal Affairs Unit", "The Internal Oversight Office",
        "The Joint Commission", "The Consumer Protection Agency",
        "The Working Group", "The national delegation", "The Parliament",
        "The House of Representatives", "The Senate",
        "The National Civil Protection Agency", "The Revenue Service",
        "The Secretariat",
    ],
    "subjects_pl": [
        "The competent authorities", "The States Parties", "The Parties",
        "The heads of the agencies", "The regional governments",
        "The decentralised bodies", "The municipalities",
        "The representatives of both governments", "The universities",
        "The members of the Committee", "The ministries and agencies",
    ],
    # English verbs mostly do not inflect for number in these tenses.
    "verbs": [
        ("approved", "approved"), ("reviewed", "reviewed"), ("examined", "examined"),
        ("will issue", "will issue"), ("will publish", "will publish"),
        ("will evaluate", "will evaluate"), ("authorised", "authorised"),
        ("ratified", "ratified"), ("analysed", "analysed"), ("will update", "will update"),
        ("will supervise", "will supervise"), ("validated", "validated"),
        ("forwarded", "forwarded"), ("will submit", "will submit"),
        ("will disseminate", "will disseminate"), ("will prepare", "will prepare"),
        ("followed up on", "followed up on"), ("took note of", "took note of"),
        ("agreed to review", "agreed to review"),
        ("committed to strengthen", "committed to strengthen"),
        ("shall submit", "shall submit"), ("may amend", "may amend"),
        ("proposed to extend", "proposed to extend"),
        ("decided to publish", "decided to publish"),
        ("announced a review of", "announced a review of"),
        ("has ordered an update of", "have ordered an update of"),
    ],
    "objects": [
        "the operating guidelines of the programme", "the annual work programme",
        "the expenditure budget", "the general rules",
        "the quarterly activity report", "the inter-agency coordination mechanisms",
        "the transparency and access to information measures",
        "the register of beneficiaries", "the resources allocated to the fund",
        "the schedule of activities", "the performance indicators",
        "the internal regulations", "the applicable administrative provisions",
        "the cooperation agreements", "the corresponding opinion", "the draft decree",
        "the national technical standards", "the river basin management plan",
        "the water infrastructure investment programmes", "the coordination agreement",
        "the financial statements for the year", "the national water security strategy",
        "the statistical information system", "the findings of the audit",
        "the emergency response protocols", "the draft budget", "the reform proposal",
        "the criteria for allocating resources", "the public register of concessions",
        "the service tariffs", "the inventory of movable assets", "the terms of reference",
        "the memorandum of understanding", "the bilateral agenda",
    ],
    "complements": [
        "within the scope of its competence",
        "in accordance with Article {n} of the Act",
        "during the {year} fiscal year",
        "no later than {day} {month} {year}",
        "in coordination with regional and local authorities",
        "with the aim of ensuring that the established objectives are met",
        "under the regulations in force",
        "without prejudice to the powers of other agencies",
        "through the mechanisms established for that purpose",
        "on the basis of the information available",
        "in order to ensure accountability",
        "within the time limits laid down in this instrument",
        "to meet the targets of the National Development Plan",
        "for the benefit of the most vulnerable population",
        "for an amount of {amount} million dollars",
        "at the ordinary session held on {day} {month}",
        "with the participation of the social and private sectors",
        "in the northern and south-eastern regions of the country",
        "pursuant to Decision No. {n} of the Council",
        "in cooperation with the U.S. Department of Energy",
        "equivalent to {pct} per cent of the total",
        "where appropriate", "in a timely manner", "without exception", "as applicable",
        "after consulting the Committee", "charged to the approved budget",
        "within {n} working days", "in line with the principles of legality and efficiency",
        "in matters of civil protection", "with respect to the concessions in force",
        "with effect from {day} {month} {year}",
        "under the Cooperation Agreement",
        "with technical support from international organisations",
        "as provided for in paragraph {roman} of Article {n}",
        "in accordance with the approved timetable",
    ],
    "connectors": [
        "Furthermore,", "In addition,", "Consequently,", "Moreover,", "Likewise,",
        "In this regard,", "To that end,", "However,", "Accordingly,", "In this context,",
    ],
    "links": [", and", ", so that", ", while", ", whereas", "; likewise,"],
    "synonyms": {
        "reviewed": "analysed", "analysed": "examined", "programme": "plan",
        "guidelines": "criteria", "mechanisms": "procedures", "authorities": "bodies",
        "strengthen": "consolidate", "ensuring": "guaranteeing", "report": "statement",
        "resources": "funds", "timely": "prompt", "limits": "periods", "aim": "purpose",
        "population": "citizens", "measures": "actions", "provisions": "rules",
        "publish": "disseminate", "evaluate": "assess", "approved": "authorised",
        "Committee": "Council", "force": "effect", "established": "agreed",
        "support": "assistance", "regional": "provincial", "quarterly": "half-yearly",
        "annual": "biennial", "northern": "central", "ordinary": "extraordinary",
    },
    "inserts": [
        "also", "duly", "promptly", "expressly", "again", "further", "jointly",
        "where necessary", "as appropriate", "in particular",
    ],
    "months": [
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ],
    "fixups": [],
}

LANGS = {"es": ES, "en": EN}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
         "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"]
MIN_WORDS, MAX_WORDS = 12, 35


def derive_seed(*parts):
    """A 64-bit seed from the parts; stable across runs (unlike hash())."""
    text = "/".join(str(p) for p in parts).encode()
    return int.from_bytes(hashlib.sha256(text).digest()[:8], "big")


class Fill(dict):
    """format_map mapping that draws a fresh random value for each placeholder."""

    def __init__(self, rng, vocab):
        super().__init__()
        self.rng, self.vocab = rng, vocab

    def __missing__(self, key):
        r = self.rng
        if key == "n":
            return str(r.randint(1, 300))
        if key == "year":
            return str(r.randint(2015, 2030))
        if key == "day":
            return str(r.randint(1, 28))
        if key == "month":
            return r.choice(self.vocab["months"])
        if key == "amount":
            return f"{r.randint(1, 9999):,}"
        if key == "pct":
            return f"{r.randint(1, 99)}.{r.randint(1, 9)}"
        if key == "roman":
            return r.choice(ROMAN)
        raise KeyError(key)


def phrase_table(phrases):
    """(text, word count, has placeholders); placeholders expand to exactly one word."""
    return [(p, len(p.split()), "{" in p) for p in phrases]


class Language:
    def __init__(self, name):
        v = LANGS[name]
        self.v = v
        self.subjects = [(s, 0) for s in v["subjects_sg"]] + [(s, 1) for s in v["subjects_pl"]]
        self.verbs = v["verbs"]
        self.objects = v["objects"]
        self.complements = phrase_table(v["complements"])
        self.short = [c for c in self.complements if c[1] <= 4]
        self.connectors = v["connectors"]
        self.links = v["links"]
        self.synonyms = v["synonyms"]
        self.inserts = v["inserts"]
        self.fixups = v["fixups"]
        # Plain words (no placeholders, digits or dots): the substitution pool and the
        # whole vocabulary of the `tiny` shape. Sorted: set order is not stable.
        words = set()
        for group in ("subjects_sg", "subjects_pl", "objects", "complements",
                      "connectors", "inserts", "months"):
            for p in v[group]:
                for w in p.split():
                    w = w.strip(",;")
                    if w and re.fullmatch(r"[^\W\d_][\w-]*", w):
                        words.add(w)
        for sg, pl in v["verbs"]:
            words.update(sg.split() + pl.split())
        words.update(v["synonyms"].values())
        self.words = sorted(words)

    def clause(self, rng):
        subject, number = rng.choice(self.subjects)
        verb = rng.choice(self.verbs)[number]
        return f"{subject} {verb} {rng.choice(self.objects)}"

    def sentence(self, rng):
        """One sentence without its final full stop, MIN_WORDS..MAX_WORDS words."""
        while True:  # the draft below almost always fits; retry the rare one that does not
            s = self._draft(rng)
            if MIN_WORDS <= s.count(" ") + 1 <= MAX_WORDS:
                return s

    def _draft(self, rng):
        fill = Fill(rng, self.v)
        target = rng.randint(MIN_WORDS, MAX_WORDS)
        core = self.clause(rng)
        if rng.random() < 0.25:
            core = rng.choice(self.connectors) + " " + core[0].lower() + core[1:]
        parts = [core]
        n = len(core.split())
        while n < target:
            if rng.random() < 0.15:
                # A second clause joined by a link ("..., por lo que las partes ...").
                link = rng.choice(self.links)
                sub = self.clause(rng)
                text = link[1:].strip() + " " + sub[0].lower() + sub[1:]
                k = len(text.split())
                if n + k <= MAX_WORDS:
                    parts[-1] += link[0]
                    parts.append(text)
                    n += k
                    continue
            text, k, has_ph = rng.choice(self.complements)
            if n + k > MAX_WORDS:
                text, k, has_ph = rng.choice(self.short)
                if n + k > MAX_WORDS:
                    break
            parts.append(text.format_map(fill) if has_ph else text)
            n += k
        s = " ".join(parts)
        for a, b in self.fixups:
            s = s.replace(a, b)
        return s

    def reword(self, s, rng):
        """A few word-level edits (substitute / insert / delete) of one sentence, chosen
        to read like a drafter's: synonyms, changed numbers, inserted or removed adverbs."""
        words = s.split(" ")
        for _ in range(rng.randint(1, 3)):
            op = rng.random()
            if op < 0.5:
                cands = [i for i in range(1, len(words))
                         if words[i] in self.synonyms or words[i].isdigit()]
                if cands:
                    i = rng.choice(cands)
                    w = words[i]
                    words[i] = (self.synonyms[w] if w in self.synonyms
                                else str(int(w) + rng.randint(1, 9)))
                    continue
                op = 0.5  # nothing to substitute: insert instead
            if op < 0.8 or len(words) < 6:
                words.insert(rng.randrange(1, len(words) + 1), rng.choice(self.inserts))
            else:
                # Delete one longer lower-case word (not an article or preposition).
                cands = [i for i in range(1, len(words))
                         if len(words[i]) >= 5 and words[i].isalpha() and words[i].islower()]
                del words[rng.choice(cands) if cands else rng.randrange(1, len(words))]
        return " ".join(words)


def hard_wrap(text, width):
    """Greedy wrap at spaces; a word longer than the width gets a line of its own."""
    lines, cur, n = [], [], 0
    for w in text.split(" "):
        if cur and n + 1 + len(w) > width:
            lines.append(" ".join(cur))
            cur, n = [w], len(w)
        else:
            n += len(w) + (1 if cur else 0)
            cur.append(w)
    lines.append(" ".join(cur))
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------
# Shapes. Each knows how to make a unit (a paragraph, or a clause for nobreaks), render
# it, reword it and count its sentences; the edit mix itself is shape-independent.

class Prose:
    unit = "paragraph"
    sep = "\n\n"
    wrap_share = 0.35

    def __init__(self, lang):
        self.lang = lang

    def sentence(self, rng):
        return self.lang.sentence(rng)

    def make(self, rng):
        sents = tuple(self.sentence(rng) for _ in range(rng.randint(2, 8)))
        width = rng.randint(76, 80) if rng.random() < self.wrap_share else 0
        return (sents, width)

    def render(self, para):
        sents, width = para
        text = " ".join(s + "." for s in sents)
        return hard_wrap(text, width) if width else text

    def reword(self, para, rng):
        sents, width = para
        sents = list(sents)
        k = 1 if len(sents) < 2 or rng.random() < 0.6 else 2
        for i in rng.sample(range(len(sents)), k):
            sents[i] = self.lang.reword(sents[i], rng)
        return (tuple(sents), width), k

    def sentences(self, para):
        return len(para[0])


class Repeated(Prose):
    def __init__(self, lang, rng):
        super().__init__(lang)
        self.the_sentence = lang.sentence(rng)

    def sentence(self, rng):
        return self.the_sentence


class NoBreaks(Prose):
    """Units are clauses: sentences with every dot removed, joined by commas."""
    unit = "clause"
    sep = ", "

    def make(self, rng):
        s = self.lang.sentence(rng).replace(".", "")
        return s[0].lower() + s[1:]

    def render(self, clause):
        return clause

    def reword(self, clause, rng):
        return self.lang.reword(clause, rng).replace(".", ""), 1

    def sentences(self, clause):
        return 0


class Tiny(Prose):
    """Units are one-word paragraphs."""

    def make(self, rng):
        return rng.choice(self.lang.words)

    def render(self, word):
        return word

    def reword(self, word, rng):
        new = rng.choice(self.lang.words)
        return (new if new != word else word + "s"), 1

    def sentences(self, word):
        return 1


def generate(shape, rng, size):
    """Units and their rendered texts until the rendered document reaches size bytes."""
    units, texts, total = [], [], 0
    sep = len(shape.sep.encode())
    while total < size:
        u = shape.make(rng)
        t = shape.render(u)
        units.append(u)
        texts.append(t)
        total += len(t.encode()) + sep
    return units, texts


def apply_edits(shape, units, texts, rng):
    """new texts and counts: the edit mix applied to the old units."""
    n = len(units)
    n_rew, n_drop, n_add, n_move = (round(n * f) for f in (REWORD, DROP, ADD, MOVE))
    picked = rng.sample(range(n), n_rew + n_drop + n_move)  # disjoint by construction
    reworded = sorted(picked[:n_rew])
    dropped = sorted(picked[n_rew:n_rew + n_drop])
    moved = sorted(picked[n_rew + n_drop:])
    removed = sorted(dropped + moved)
    counts = {"reworded": 0, "dropped": 0, "added": 0, "moved": 0}  # sentences

    new_text = {}
    for i in reworded:
        u, k = shape.reword(units[i], rng)
        new_text[i] = shape.render(u)
        counts["reworded"] += k
    for i in dropped:
        counts["dropped"] += shape.sentences(units[i])

    # Positions in the list of kept units; inserts[j] go before kept unit j.
    rm = set(removed)
    kept = [i for i in range(n) if i not in rm]
    m = len(kept)
    inserts = {}
    for i in moved:
        p = i - bisect_left(removed, i)  # where it was, in kept positions
        d = max(2, m // 4)               # "distant": a quarter of the document away
        choices = [q for q in (rng.randint(0, max(0, p - d)), rng.randint(min(m, p + d), m))
                   if abs(q - p) >= d]
        if not choices:  # tiny document: anywhere else will do
            choices = [q for q in (0, m) if q != p] or [m]
        inserts.setdefault(rng.choice(choices), []).append(texts[i])
        counts["moved"] += shape.sentences(units[i])
    for _ in range(n_add):
        u = shape.make(rng)
        inserts.setdefault(rng.randint(0, m), []).append(shape.render(u))
        counts["added"] += shape.sentences(u)

    out = []
    for j, i in enumerate(kept):
        if j in inserts:
            out.extend(inserts[j])
        out.append(new_text.get(i, texts[i]))
    out.extend(inserts.get(m, []))
    units_counts = {"unchanged": n - n_rew - n_drop - n_move, "reworded": n_rew,
                    "dropped": n_drop, "added": n_add, "moved": n_move}
    return out, units_counts, counts


SIZE_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?\s*$", re.I)


def parse_size(text):
    m = SIZE_RE.match(text)
    if not m:
        raise argparse.ArgumentTypeError(f"bad size {text!r} (try 100KB, 10MB, 50MB)")
    mult = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}[m.group(2).lower()]
    return int(float(m.group(1)) * mult)


def write(path, texts, sep):
    data = (sep.join(texts) + "\n").encode()
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)
    return len(data)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", required=True, type=parse_size, help="e.g. 100KB, 10MB")
    ap.add_argument("--lang", choices=sorted(LANGS), default="es")
    ap.add_argument("--shape", default="normal",
                    choices=["normal", "unrelated", "repeated", "nobreaks", "tiny"])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True, help="folder for old.txt, new.txt, truth.json")
    a = ap.parse_args()

    lang = Language(a.lang)
    base = (a.seed, a.lang, a.shape, a.size)
    doc_rng = random.Random(derive_seed(*base, "old"))
    edit_rng = random.Random(derive_seed(*base, "edits"))
    if a.shape == "repeated":
        shape = Repeated(lang, doc_rng)
    elif a.shape == "nobreaks":
        shape = NoBreaks(lang)
    elif a.shape == "tiny":
        shape = Tiny(lang)
    else:
        shape = Prose(lang)

    units, old_texts = generate(shape, doc_rng, a.size)
    if a.shape == "unrelated":
        new_units, new_texts = generate(shape, random.Random(derive_seed(*base, "new")), a.size)
        unit_counts = {"unchanged": 0, "reworded": 0, "dropped": len(units),
                       "added": len(new_units), "moved": 0}
        sent_counts = {"reworded": 0, "dropped": sum(map(shape.sentences, units)),
                       "added": sum(map(shape.sentences, new_units)), "moved": 0}
        new_sentences = sent_counts["added"]
    else:
        new_texts, unit_counts, sent_counts = apply_edits(shape, units, old_texts, edit_rng)
        new_sentences = (sum(map(shape.sentences, units)) - sent_counts["dropped"]
                         + sent_counts["added"])

    os.makedirs(a.out, exist_ok=True)
    # A stale truth.json must not vouch for half-written files.
    truth_path = os.path.join(a.out, "truth.json")
    if os.path.exists(truth_path):
        os.remove(truth_path)
    old_bytes = write(os.path.join(a.out, "old.txt"), old_texts, shape.sep)
    new_bytes = write(os.path.join(a.out, "new.txt"), new_texts, shape.sep)
    truth = {
        "generator": "benchmarks/gen_pair.py",
        "format": FORMAT_VERSION,
        "shape": a.shape,
        "lang": a.lang,
        "seed": a.seed,
        "size_requested": a.size,
        "unit": shape.unit,
        "old": {"bytes": old_bytes, "units": len(units),
                "sentences": sum(map(shape.sentences, units))},
        "new": {"bytes": new_bytes, "units": len(new_texts), "sentences": new_sentences},
        "units": unit_counts,
        "sentences": sent_counts,
        "note": ("units: old units by fate (added: new units). sentences: sentences "
                 "inside the reworded (edited ones only), dropped, added, moved units. "
                 "nobreaks has no sentences; its units are comma-joined clauses."),
    }
    tmp = truth_path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        json.dump(truth, f, indent=2, ensure_ascii=False)
        f.write("\n")
    os.replace(tmp, truth_path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
