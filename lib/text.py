"""UI text catalogue: every label, message and heading the pages show comes from here,
in English and Spanish, and numbers formatted for the language.

The language is per script run (a context variable set by the app at the start of each run),
so sessions in different languages never see each other's text.
"""

from __future__ import annotations

from contextvars import ContextVar

LANGUAGES = ("en", "es")
DEFAULT_LANGUAGE = "en"
_language: ContextVar[str] = ContextVar("language", default=DEFAULT_LANGUAGE)

ENGLISH: dict[str, str] = {
    "app.title": "Peru trafficking case map",
    "app.subtitle": "Human-trafficking complaints registered by the public prosecutor, by region, 2006–2014",
    "nav.map": "Map",
    "nav.coverage": "Prosecutor coverage",
    "nav.trends": "Trends",
    "nav.data": "Data and methods",
    "data.title": "Data, sources and methods",
    "data.caption": "How every number was made, how far to trust it, and how to use your own data.",
    "data.quality.header": "Data quality: regions per year by basis",
    "data.quality.note": (
        "reported = a cited value for that region and year; estimated = fitted by the documented method; "
        "missing = no source at all (shown as no data, never zero)."
    ),
    "data.links.header": "Every cited source",
    "data.method.header": "Sources, method and licences in full",
    "data.files.header": "The bundled data files",
    "data.files.pick": "File",
    "data.files.download": "Download {name}",
    "upload.header": "Use your own cases data",
    "upload.help": (
        "A CSV with columns region, year, cases and optionally basis (reported, estimated, missing) and source. "
        "region may be a name (Cusco, Cuzco, Áncash, Lima Metropolitana…), a slug (madre-de-dios) or an INEI code "
        "(08). UTF-8 or Excel's Windows encoding; comma, semicolon or tab separated; at most 2 MB. It replaces the "
        "bundled cases in this browser session only, on every page; nothing is saved."
    ),
    "upload.label": "Cases CSV",
    "upload.accepted": "Accepted {file}: {rows} rows ({encoding}, {delimiter}-separated). Every page now uses it.",
    "upload.refused": "{file} was not used: {count} problem(s). Fix them and upload again; nothing was changed.",
    "upload.banner": "Using uploaded data ({file}, {rows} rows) in this session only.",
    "upload.back": "Use bundled data",
    "upload.problem.line": "Line",
    "upload.problem.column": "Column",
    "upload.problem.value": "Value",
    "upload.problem.message": "Problem and fix",
    "trends.title": "Trends over time",
    "trends.caption": (
        "Most yearly values are estimates fitted to cited totals (grey); reported values are green; "
        "years without any data say so instead of showing zero."
    ),
    "trends.national.header": "National total per year",
    "trends.national.title": "Complaints per year, all regions",
    "trends.national.cited": "Cited national figure",
    "trends.national.note": "Black diamonds: national totals published for that year (2012 and 2013).",
    "trends.regions.header": "Regions over time",
    "trends.regions.shared": "Same scale for every region",
    "trends.regions.note": (
        "Only regions in the filter. Estimated regions follow the national curve by design (see Data)."
    ),
    "trends.ranking.header": "Ranking, {years}",
    "trends.hubs.header": "Hubs versus the rest",
    "trends.hubs.caveat": (
        "A handful of regions drive each group (reference: tourism = Lima, Cusco, Piura; mining = Loreto, "
        "Madre de Dios). A region that is both counts in both groups."
    ),
    "trends.hubs.cases": "Cases per year",
    "trends.hubs.rate": "Per 100,000 people per year",
    "trends.group.tourism": "Tourism hubs",
    "trends.group.mining": "Mining hubs",
    "trends.group.other": "Other regions",
    "download.chart": "Download this chart's data (CSV)",
    "coverage.title": "Specialised prosecutor offices: who covers which cases",
    "coverage.caption": (
        "Four offices were planned in 2014 and eight opened from September 2015. Compare the cases each set "
        "covers in the selected years, see the hotspots left out, and find the k sites that would cover most."
    ),
    "coverage.scenario": "Scenario",
    "coverage.years_only": (
        "Figures cover all 25 regions for {years}; the region, hub and metric filters do not apply here."
    ),
    "scenario.plan-2014": "Plan 2014 (4 offices)",
    "scenario.actual-2015": "Actual 2015 (8 offices)",
    "scenario.best": "Best k sites (planner)",
    "coverage.planner": "What-if planner",
    "coverage.planner_help": (
        "Finds the k seats (region capitals) that cover the most cases in the selected years: exact search, "
        "ties broken by population covered, then by name. A region reachable from several seats counts once."
    ),
    "coverage.offices": "Number of offices (k)",
    "coverage.rule": "Each office covers",
    "rule.own": "its own region only",
    "rule.radius": "every region whose capital is within R km",
    "coverage.radius": "R (km, great-circle from the office city)",
    "coverage.seats": "Candidate seats",
    "coverage.seats_placeholder": "All region capitals",
    "coverage.tooltip.covered": "covered by the {city} office",
    "coverage.tooltip.assumed": "assumed: covered by the {city} office",
    "coverage.tooltip.uncovered": "not covered",
    "coverage.status": "Coverage",
    "coverage.assumed": "assumed",
    "coverage.assumed_in_part": "stated, partly assumed",
    "coverage.stated": "stated",
    "coverage.planned": "planned, not opened",
    "coverage.popup.city": "City",
    "coverage.popup.scenario": "Scenario",
    "coverage.popup.opened": "Opened",
    "coverage.popup.covers": "Regions covered",
    "coverage.popup.basis": "Coverage",
    "coverage.popup.source": "Source",
    "coverage.legend.title": "Coverage, {scenario}",
    "coverage.legend.office": "{city} office",
    "coverage.legend.assumed": "Assumed coverage (lighter, dashed)",
    "coverage.legend.uncovered": "Not covered",
    "coverage.legend.seat": "Office seat (white circle; click for details)",
    "coverage.legend.area": "Thick outline: an office's whole area",
    "coverage.metric.cases": "Cases covered",
    "coverage.metric.cases_help": "Cases in regions with stated coverage; the delta adds assumed coverage.",
    "coverage.metric.share": "Share of national",
    "coverage.metric.share_assumed": "{share} with assumed",
    "coverage.metric.regions": "Regions covered",
    "coverage.metric.population": "Population covered",
    "coverage.metric.per_office": "Cases per office per year",
    "coverage.metric.uncovered": "Largest uncovered",
    "coverage.metric.uncovered_value": "{region} ({cases})",
    "coverage.compare.header": "Plan, reality and the best k sites",
    "coverage.compare.scenario": "Scenario",
    "coverage.compare.offices": "Offices",
    "coverage.compare.seats": "Seats",
    "coverage.compare.share": "Covered share",
    "coverage.compare.share_assumed": "Covered share incl. assumed",
    "coverage.compare.cases": "Cases covered",
    "coverage.compare.worst": "Worst uncovered hotspot",
    "coverage.compare.diff": (
        "Best k vs plan: adds {added}; drops {dropped}. Best k vs actual: adds {added_actual}; drops {dropped_actual}."
    ),
    "coverage.offices.header": "Offices",
    "coverage.column.population": "Population (mean over the years)",
    "coverage.column.cases_per_year": "Cases per year",
    "coverage.column.km": "Km from the office to each capital",
    "coverage.uncovered.header": "Uncovered regions, most cases first",
    "coverage.none": "none",
    "coverage.planner_time": "Planner: {ms} ms.",
    "download.table": "Download this table (CSV)",
    "filters.header": "Filters",
    "filters.years": "Years",
    "filters.years_help": "Inclusive range. 2006 has no prosecutor-office data in any cited source.",
    "filters.single_year": "Year: {year} (the only year in the data)",
    "filters.regions": "Regions",
    "filters.regions_placeholder": "All regions",
    "filters.hubs": "Hubs",
    "filters.hub_set": "Hub classification",
    "filters.metric": "Metric",
    "filters.scheme": "Class breaks",
    "filters.classes": "Number of classes",
    "filters.reset": "Reset filters",
    "filters.summary": "{years} · {regions} · {hubs} · {metric}",
    "filters.all_regions": "all regions",
    "filters.n_regions": "{count} regions",
    "filters.years_without_data": "No data for {years}: shown as no data, never as zero.",
    "hubs.all": "All regions",
    "hubs.tourism": "Tourism hubs",
    "hubs.mining": "Mining hubs",
    "hubs.tourism,mining": "Tourism or mining hubs",
    "hubs.other": "Neither (other regions)",
    "hub_set.reference": "Reference (InSight Crime 2014)",
    "hub_set.wide": "Wide mining list (Vice-Ministry of Mines 2014)",
    "metric.cases": "Cases",
    "metric.rate": "Cases per 100,000 people per year",
    "metric.cases.unit": "cases",
    "metric.rate.unit": "per 100,000 per year",
    "scheme.quantiles": "Quantiles",
    "scheme.natural-breaks": "Natural breaks (Fisher-Jenks)",
    "scheme.equal-interval": "Equal interval",
    "basis.reported": "reported",
    "basis.estimated": "estimated",
    "basis.missing": "no data",
    "hub.tourism": "tourism hub",
    "hub.mining": "mining hub",
    "hub.none": "not a hub",
    "map.outline_hubs": "Outline hub regions",
    "map.basemap": "Web basemap (needs internet)",
    "map.basemap_help": "Off by default: the map works without it.",
    "map.caption": "Click a region for its detail. Muted regions are outside the filter.",
    "map.tooltip.region": "Region",
    "map.tooltip.value": "Value",
    "map.tooltip.basis": "Basis",
    "map.tooltip.hubs": "Hubs",
    "map.value_missing": "no data",
    "map.basis_partial": "{basis} ({missing} of {total} years no data)",
    "legend.title": "{metric}, {years}",
    "legend.no_data": "No data",
    "legend.outside": "Outside the filter",
    "legend.hub_outline": "Hub region (dashed outline)",
    "legend.regions": "{count} regions",
    "legend.region": "1 region",
    "metrics.cases": "Cases",
    "metrics.cases_help": (
        "Complaints registered by the prosecutor's office in the selected regions and years. "
        "Most are estimates (see the data sources)."
    ),
    "metrics.share": "Share of national total",
    "metrics.share_help": "Selected regions' cases over all 25 regions' cases for the same years.",
    "metrics.regions": "Regions shown",
    "metrics.rate": "Per 100,000 per year",
    "metrics.rate_help": "Cases per 100,000 people per year, over the region-years with data.",
    "metrics.none": "no data",
    "metrics.basis_counts": (
        "Basis of the {total} region-years behind these figures: {reported} reported, "
        "{estimated} estimated, {missing} without data."
    ),
    "detail.header": "{region}",
    "detail.clear": "Clear selection",
    "detail.total": "Cases",
    "detail.rate": "Per 100,000 per year",
    "detail.share": "Share of national",
    "detail.rank": "Rank",
    "detail.rank_value": "{rank} of {count}",
    "detail.outside": "outside filter",
    "detail.hubs": "Hubs: {hubs}",
    "detail.sources": "Sources",
    "detail.chart_title": "Cases per year (colour shows the basis)",
    "table.header": "Region-years in the filter",
    "table.region": "Region",
    "table.year": "Year",
    "table.cases": "Cases",
    "table.population": "Population",
    "table.rate": "Per 100,000",
    "table.basis": "Basis",
    "table.source": "Source",
    "download.csv": "Download these rows (CSV)",
    "download.geojson": "Download the map values (GeoJSON)",
    "empty.title": "No region matches these filters.",
    "empty.hint": "Widen the years, clear the region list or pick another hub group, or reset the filters.",
    "caveat": (
        "Cases are complaints registered by the public prosecutor (detected cases, not prevalence), "
        "counted where the complaint was filed. No public source gives a region × year table: most "
        "values are estimates fitted to cited totals and are marked as such."
    ),
    "notice.ignored": "Ignored {key}={value}: expected {expected}.",
    "expect.years": "a year or range between {first} and {last}, e.g. 2009-2012",
    "expect.regions": "region slugs such as cusco or madre-de-dios",
    "expect.one_of": "one of {options}",
    "expect.whole_range": "a whole number from {low} to {high}",
    "expect.region": "one region slug such as cusco",
    "expect.radius": "kilometres from 0 to {high}",
    "filters.language": "Language / Idioma",
    "language.en": "English",
    "language.es": "Español",
    "map.summary": "Text summary of the map: {summary}",
    "map.summary.body": "{count} regions in the filter. Highest: {top}. Lowest: {bottom}. {basis}",
    "map.summary.item": "{region} {value} ({basis})",
    "map.summary.empty": "No region in the filter has data for these years.",
    "hubgroup.tourism": "tourism",
    "hubgroup.mining": "mining",
    "hubgroup.tourism + mining": "tourism + mining",
    "download.prefix": "peru-trafficking",
    "download.hubs.tourism": "tourism",
    "download.hubs.mining": "mining",
    "download.hubs.tourism,mining": "tourism-or-mining",
    "download.hubs.other": "non-hub",
    "download.regions_count": "{count}-regions",
    "data.quality.regions": "Regions",
    "data.links.url": "URL",
    "data.links.files": "Files",
    "data.links.periods": "Periods",
    "data.links.register": "Register",
    "data.links.figures": "Figures",
    "upload.err.empty": "The file is empty. Upload a CSV with a header row: region,year,cases",
    "upload.err.too_big": "The file is {size} MB; the limit is {limit} MB.",
    "upload.err.binary": (
        "This is not a text CSV (it looks like an Excel workbook or another binary file). "
        "In Excel use File > Save As > CSV UTF-8."
    ),
    "upload.err.unreadable": "The file could not be read as CSV ({error}); check its quotes.",
    "upload.err.header": (
        "The header row needs the columns region, year and cases; {missing} not found (found: {found}). "
        "Separate columns with , ; or a tab."
    ),
    "upload.err.no_rows": "The file has a header but no data rows.",
    "upload.err.too_many_rows": "The file has {rows} rows; the limit is {limit}.",
    "upload.err.fields": "has {found} fields but the header has {expected}; check for a stray {delimiter}",
    "upload.err.region_suggest": "is not a known region; did you mean {name}?",
    "upload.err.region_unknown": "is not a known region; use a region name, slug or two-digit INEI code",
    "upload.err.between": "must be between {low} and {high}",
    "upload.err.at_least": "must be at least {low}",
    "upload.err.negative": "must not be negative",
    "upload.err.decimal_comma_cases": "has a decimal comma; counts are whole numbers (write 12, not 12,5)",
    "upload.err.decimal_comma": "has a decimal comma; write a whole number",
    "upload.err.decimal_point": "must be a whole number without a decimal point or thousands separator",
    "upload.err.not_whole": "is not a whole number",
    "upload.err.basis": "must be one of {options} (or empty)",
    "upload.err.empty_cases": "is empty; give a count, or set basis to missing",
    "upload.err.count_with_missing": "has a count but basis says missing; empty one of them",
    "upload.err.duplicate": (
        "repeats {region} {year} from line {line}; keep one row per region and year "
        "(Lima Metropolitana and Lima Provincias are both Lima: add them up)"
    ),
    "upload.source_default": "uploaded file {file}",
    "upload.absent": "not in the uploaded file",
    "upload.delimiter.comma": "comma",
    "upload.delimiter.semicolon": "semicolon",
    "upload.delimiter.tab": "tab",
    "error.data_title": "The app cannot start: a data file is broken",
    "error.data_hint": "Fix the file named below (or restore it from the repository) and reload.",
}


SPANISH: dict[str, str] = {
    "app.title": "Mapa de casos de trata en el Perú",
    "app.subtitle": "Denuncias por trata de personas registradas por el Ministerio Público, por región, 2006–2014",
    "nav.map": "Mapa",
    "nav.coverage": "Cobertura fiscal",
    "nav.trends": "Tendencias",
    "nav.data": "Datos y métodos",
    "data.title": "Datos, fuentes y métodos",
    "data.caption": "Cómo se obtuvo cada cifra, cuánto confiar en ella y cómo usar sus propios datos.",
    "data.quality.header": "Calidad de los datos: regiones por año según su base",
    "data.quality.note": (
        "reportado = un valor citado para esa región y año; estimado = ajustado con el método documentado; "
        "sin datos = ninguna fuente (se muestra como sin datos, nunca como cero)."
    ),
    "data.links.header": "Todas las fuentes citadas",
    "data.method.header": "Fuentes, método y licencias completos",
    "data.files.header": "Los archivos de datos incluidos",
    "data.files.pick": "Archivo",
    "data.files.download": "Descargar {name}",
    "upload.header": "Usar sus propios datos de casos",
    "upload.help": (
        "Un CSV con las columnas region, year, cases (o región, año, casos) y, opcionalmente, basis (reported, "
        "estimated, missing) y source. La región puede ser un nombre (Cusco, Cuzco, Áncash, Lima Metropolitana…), "
        "un identificador (madre-de-dios) o un código INEI (08). UTF-8 o la codificación Windows de Excel; separado "
        "por coma, punto y coma o tabulación; 2 MB como máximo. Reemplaza los casos incluidos solo en esta sesión del "
        "navegador, en todas las páginas; no se guarda nada."
    ),
    "upload.label": "CSV de casos",
    "upload.accepted": (
        "Se aceptó {file}: {rows} filas ({encoding}, separado por {delimiter}). Todas las páginas lo usan ahora."
    ),
    "upload.refused": "{file} no se usó: {count} problema(s). Corríjalos y vuelva a subirlo; no se cambió nada.",
    "upload.banner": "Usando datos subidos ({file}, {rows} filas) solo en esta sesión.",
    "upload.back": "Usar datos incluidos",
    "upload.problem.line": "Línea",
    "upload.problem.column": "Columna",
    "upload.problem.value": "Valor",
    "upload.problem.message": "Problema y solución",
    "trends.title": "Tendencias en el tiempo",
    "trends.caption": (
        "La mayoría de los valores anuales son estimaciones ajustadas a totales citados (gris); los valores "
        "reportados van en verde; los años sin datos lo indican en lugar de mostrar cero."
    ),
    "trends.national.header": "Total nacional por año",
    "trends.national.title": "Denuncias por año, todas las regiones",
    "trends.national.cited": "Cifra nacional citada",
    "trends.national.note": "Rombos negros: totales nacionales publicados para ese año (2012 y 2013).",
    "trends.regions.header": "Regiones en el tiempo",
    "trends.regions.shared": "Misma escala para todas las regiones",
    "trends.regions.note": (
        "Solo las regiones del filtro. Las regiones estimadas siguen la curva nacional por construcción (ver Datos)."
    ),
    "trends.ranking.header": "Ranking, {years}",
    "trends.hubs.header": "Polos frente al resto",
    "trends.hubs.caveat": (
        "Unas pocas regiones determinan cada grupo (referencia: turismo = Lima, Cusco, Piura; minería = Loreto, "
        "Madre de Dios). Una región que es ambas cosas cuenta en los dos grupos."
    ),
    "trends.hubs.cases": "Casos por año",
    "trends.hubs.rate": "Por 100.000 habitantes al año",
    "trends.group.tourism": "Polos turísticos",
    "trends.group.mining": "Polos mineros",
    "trends.group.other": "Otras regiones",
    "download.chart": "Descargar los datos de este gráfico (CSV)",
    "coverage.title": "Fiscalías especializadas: quién cubre qué casos",
    "coverage.caption": (
        "En 2014 se planificaron cuatro fiscalías y desde septiembre de 2015 funcionan ocho. Compare los casos que "
        "cubre cada conjunto en los años elegidos, vea los focos que quedan fuera y encuentre las k sedes que "
        "cubrirían más."
    ),
    "coverage.scenario": "Escenario",
    "coverage.years_only": (
        "Las cifras cubren las 25 regiones en {years}; los filtros de región, polo y métrica no se aplican aquí."
    ),
    "scenario.plan-2014": "Plan 2014 (4 fiscalías)",
    "scenario.actual-2015": "Real 2015 (8 fiscalías)",
    "scenario.best": "Mejores k sedes (planificador)",
    "coverage.planner": "Planificador hipotético",
    "coverage.planner_help": (
        "Encuentra las k sedes (capitales regionales) que cubren más casos en los años elegidos: búsqueda exacta; "
        "los empates se resuelven por población cubierta y luego por nombre. Una región alcanzable desde varias "
        "sedes cuenta una sola vez."
    ),
    "coverage.offices": "Número de fiscalías (k)",
    "coverage.rule": "Cada fiscalía cubre",
    "rule.own": "solo su propia región",
    "rule.radius": "toda región cuya capital esté a menos de R km",
    "coverage.radius": "R (km en línea recta desde la ciudad sede)",
    "coverage.seats": "Sedes candidatas",
    "coverage.seats_placeholder": "Todas las capitales regionales",
    "coverage.tooltip.covered": "cubierta por la fiscalía de {city}",
    "coverage.tooltip.assumed": "supuesto: cubierta por la fiscalía de {city}",
    "coverage.tooltip.uncovered": "sin cobertura",
    "coverage.status": "Cobertura",
    "coverage.assumed": "supuesta",
    "coverage.assumed_in_part": "declarada, en parte supuesta",
    "coverage.stated": "declarada",
    "coverage.planned": "planificada, no abierta",
    "coverage.popup.city": "Ciudad",
    "coverage.popup.scenario": "Escenario",
    "coverage.popup.opened": "Apertura",
    "coverage.popup.covers": "Regiones cubiertas",
    "coverage.popup.basis": "Cobertura",
    "coverage.popup.source": "Fuente",
    "coverage.legend.title": "Cobertura, {scenario}",
    "coverage.legend.office": "Fiscalía de {city}",
    "coverage.legend.assumed": "Cobertura supuesta (más clara, discontinua)",
    "coverage.legend.uncovered": "Sin cobertura",
    "coverage.legend.seat": "Sede (círculo blanco; haga clic para ver detalles)",
    "coverage.legend.area": "Contorno grueso: toda el área de una fiscalía",
    "coverage.metric.cases": "Casos cubiertos",
    "coverage.metric.cases_help": (
        "Casos en regiones con cobertura declarada; la diferencia suma la cobertura supuesta."
    ),
    "coverage.metric.share": "Parte del total nacional",
    "coverage.metric.share_assumed": "{share} con la supuesta",
    "coverage.metric.regions": "Regiones cubiertas",
    "coverage.metric.population": "Población cubierta",
    "coverage.metric.per_office": "Casos por fiscalía al año",
    "coverage.metric.uncovered": "Mayor región sin cobertura",
    "coverage.metric.uncovered_value": "{region} ({cases})",
    "coverage.compare.header": "Plan, realidad y las mejores k sedes",
    "coverage.compare.scenario": "Escenario",
    "coverage.compare.offices": "Fiscalías",
    "coverage.compare.seats": "Sedes",
    "coverage.compare.share": "Parte cubierta",
    "coverage.compare.share_assumed": "Parte cubierta incl. supuesta",
    "coverage.compare.cases": "Casos cubiertos",
    "coverage.compare.worst": "Peor foco sin cobertura",
    "coverage.compare.diff": (
        "Mejores k frente al plan: agrega {added}; quita {dropped}. "
        "Mejores k frente a lo real: agrega {added_actual}; quita {dropped_actual}."
    ),
    "coverage.offices.header": "Fiscalías",
    "coverage.column.population": "Población (promedio de los años)",
    "coverage.column.cases_per_year": "Casos por año",
    "coverage.column.km": "Km desde la sede a cada capital",
    "coverage.uncovered.header": "Regiones sin cobertura, de más a menos casos",
    "coverage.none": "ninguna",
    "coverage.planner_time": "Planificador: {ms} ms.",
    "download.table": "Descargar esta tabla (CSV)",
    "filters.header": "Filtros",
    "filters.years": "Años",
    "filters.years_help": "Rango inclusivo. 2006 no tiene datos del Ministerio Público en ninguna fuente citada.",
    "filters.single_year": "Año: {year} (el único año en los datos)",
    "filters.regions": "Regiones",
    "filters.regions_placeholder": "Todas las regiones",
    "filters.hubs": "Polos",
    "filters.hub_set": "Clasificación de polos",
    "filters.metric": "Métrica",
    "filters.scheme": "Cortes de clase",
    "filters.classes": "Número de clases",
    "filters.reset": "Restablecer filtros",
    "filters.summary": "{years} · {regions} · {hubs} · {metric}",
    "filters.all_regions": "todas las regiones",
    "filters.n_regions": "{count} regiones",
    "filters.years_without_data": "Sin datos para {years}: se muestra como sin datos, nunca como cero.",
    "hubs.all": "Todas las regiones",
    "hubs.tourism": "Polos turísticos",
    "hubs.mining": "Polos mineros",
    "hubs.tourism,mining": "Polos turísticos o mineros",
    "hubs.other": "Ninguno (otras regiones)",
    "hub_set.reference": "Referencia (InSight Crime 2014)",
    "hub_set.wide": "Lista minera amplia (Viceministerio de Minas 2014)",
    "metric.cases": "Casos",
    "metric.rate": "Casos por 100.000 habitantes al año",
    "metric.cases.unit": "casos",
    "metric.rate.unit": "por 100.000 al año",
    "scheme.quantiles": "Cuantiles",
    "scheme.natural-breaks": "Cortes naturales (Fisher-Jenks)",
    "scheme.equal-interval": "Intervalos iguales",
    "basis.reported": "reportado",
    "basis.estimated": "estimado",
    "basis.missing": "sin datos",
    "hub.tourism": "polo turístico",
    "hub.mining": "polo minero",
    "hub.none": "no es polo",
    "map.outline_hubs": "Resaltar regiones polo",
    "map.basemap": "Mapa base web (requiere internet)",
    "map.basemap_help": "Desactivado por defecto: el mapa funciona sin él.",
    "map.caption": "Haga clic en una región para ver su detalle. Las regiones atenuadas están fuera del filtro.",
    "map.tooltip.region": "Región",
    "map.tooltip.value": "Valor",
    "map.tooltip.basis": "Base",
    "map.tooltip.hubs": "Polos",
    "map.value_missing": "sin datos",
    "map.basis_partial": "{basis} ({missing} de {total} años sin datos)",
    "legend.title": "{metric}, {years}",
    "legend.no_data": "Sin datos",
    "legend.outside": "Fuera del filtro",
    "legend.hub_outline": "Región polo (contorno discontinuo)",
    "legend.regions": "{count} regiones",
    "legend.region": "1 región",
    "metrics.cases": "Casos",
    "metrics.cases_help": (
        "Denuncias registradas por el Ministerio Público en las regiones y años elegidos. La mayoría son "
        "estimaciones (ver las fuentes de datos)."
    ),
    "metrics.share": "Parte del total nacional",
    "metrics.share_help": "Casos de las regiones elegidas sobre los de las 25 regiones en los mismos años.",
    "metrics.regions": "Regiones mostradas",
    "metrics.rate": "Por 100.000 al año",
    "metrics.rate_help": "Casos por 100.000 habitantes al año, en las regiones-año con datos.",
    "metrics.none": "sin datos",
    "metrics.basis_counts": (
        "Base de las {total} regiones-año detrás de estas cifras: {reported} reportadas, {estimated} estimadas, "
        "{missing} sin datos."
    ),
    "detail.header": "{region}",
    "detail.clear": "Quitar selección",
    "detail.total": "Casos",
    "detail.rate": "Por 100.000 al año",
    "detail.share": "Parte del total nacional",
    "detail.rank": "Puesto",
    "detail.rank_value": "{rank} de {count}",
    "detail.outside": "fuera del filtro",
    "detail.hubs": "Polos: {hubs}",
    "detail.sources": "Fuentes",
    "detail.chart_title": "Casos por año (el color indica la base)",
    "table.header": "Regiones-año del filtro",
    "table.region": "Región",
    "table.year": "Año",
    "table.cases": "Casos",
    "table.population": "Población",
    "table.rate": "Por 100.000",
    "table.basis": "Base",
    "table.source": "Fuente",
    "download.csv": "Descargar estas filas (CSV)",
    "download.geojson": "Descargar los valores del mapa (GeoJSON)",
    "empty.title": "Ninguna región coincide con estos filtros.",
    "empty.hint": "Amplíe los años, vacíe la lista de regiones, elija otro grupo de polos o restablezca los filtros.",
    "caveat": (
        "Los casos son denuncias registradas por el Ministerio Público (casos detectados, no prevalencia), contadas "
        "donde se presentó la denuncia. Ninguna fuente pública da una tabla región × año: la mayoría de los valores "
        "son estimaciones ajustadas a totales citados y se marcan como tales."
    ),
    "notice.ignored": "Se ignoró {key}={value}: se esperaba {expected}.",
    "expect.years": "un año o rango entre {first} y {last}, p. ej. 2009-2012",
    "expect.regions": "identificadores de región como cusco o madre-de-dios",
    "expect.one_of": "uno de {options}",
    "expect.whole_range": "un número entero de {low} a {high}",
    "expect.region": "un identificador de región como cusco",
    "expect.radius": "kilómetros de 0 a {high}",
    "filters.language": "Language / Idioma",
    "language.en": "English",
    "language.es": "Español",
    "map.summary": "Resumen del mapa en texto: {summary}",
    "map.summary.body": "{count} regiones en el filtro. Más altas: {top}. Más bajas: {bottom}. {basis}",
    "map.summary.item": "{region} {value} ({basis})",
    "map.summary.empty": "Ninguna región del filtro tiene datos para estos años.",
    "hubgroup.tourism": "turismo",
    "hubgroup.mining": "minería",
    "hubgroup.tourism + mining": "turismo + minería",
    "download.prefix": "trata-peru",
    "download.hubs.tourism": "turismo",
    "download.hubs.mining": "mineria",
    "download.hubs.tourism,mining": "turismo-o-mineria",
    "download.hubs.other": "sin-polo",
    "download.regions_count": "{count}-regiones",
    "data.quality.regions": "Regiones",
    "data.links.url": "URL",
    "data.links.files": "Archivos",
    "data.links.periods": "Periodos",
    "data.links.register": "Registro",
    "data.links.figures": "Cifras",
    "upload.err.empty": "El archivo está vacío. Suba un CSV con una fila de encabezado: region,year,cases",
    "upload.err.too_big": "El archivo pesa {size} MB; el límite es {limit} MB.",
    "upload.err.binary": (
        "No es un CSV de texto (parece un libro de Excel u otro archivo binario). "
        "En Excel use Archivo > Guardar como > CSV UTF-8."
    ),
    "upload.err.unreadable": "El archivo no se pudo leer como CSV ({error}); revise sus comillas.",
    "upload.err.header": (
        "La fila de encabezado necesita las columnas region, year y cases; no se encontró {missing} "
        "(se encontró: {found}). Separe las columnas con , ; o tabulación."
    ),
    "upload.err.no_rows": "El archivo tiene encabezado pero ninguna fila de datos.",
    "upload.err.too_many_rows": "El archivo tiene {rows} filas; el límite es {limit}.",
    "upload.err.fields": "tiene {found} campos pero el encabezado tiene {expected}; revise si sobra un {delimiter}",
    "upload.err.region_suggest": "no es una región conocida; ¿quiso decir {name}?",
    "upload.err.region_unknown": (
        "no es una región conocida; use un nombre, un identificador o un código INEI de dos cifras"
    ),
    "upload.err.between": "debe estar entre {low} y {high}",
    "upload.err.at_least": "debe ser al menos {low}",
    "upload.err.negative": "no debe ser negativo",
    "upload.err.decimal_comma_cases": "tiene coma decimal; los conteos son números enteros (escriba 12, no 12,5)",
    "upload.err.decimal_comma": "tiene coma decimal; escriba un número entero",
    "upload.err.decimal_point": "debe ser un número entero sin punto decimal ni separador de miles",
    "upload.err.not_whole": "no es un número entero",
    "upload.err.basis": "debe ser uno de {options} (o vacío)",
    "upload.err.empty_cases": "está vacío; indique un conteo o ponga basis en missing",
    "upload.err.count_with_missing": "tiene un conteo pero basis dice missing; vacíe uno de los dos",
    "upload.err.duplicate": (
        "repite {region} {year} de la línea {line}; deje una fila por región y año "
        "(Lima Metropolitana y Lima Provincias son ambas Lima: súmelas)"
    ),
    "upload.source_default": "archivo subido {file}",
    "upload.absent": "no está en el archivo subido",
    "upload.delimiter.comma": "coma",
    "upload.delimiter.semicolon": "punto y coma",
    "upload.delimiter.tab": "tabulación",
    "error.data_title": "La aplicación no puede iniciar: un archivo de datos está dañado",
    "error.data_hint": "Corrija el archivo indicado abajo (o restáurelo desde el repositorio) y recargue.",
}

CATALOGUE: dict[str, dict[str, str]] = {"en": ENGLISH, "es": SPANISH}


def set_language(language: str) -> None:
    """Use ``language`` (one of :data:`LANGUAGES`) for the rest of this script run."""
    _language.set(language if language in LANGUAGES else DEFAULT_LANGUAGE)


def current_language() -> str:
    return _language.get()


def browser_language(locale: str | None) -> str:
    """Spanish for a Spanish browser locale (``es``, ``es-PE``…), otherwise English."""
    return "es" if (locale or "").lower().startswith("es") else "en"


def t(key: str, /, **values: object) -> str:
    """The text for ``key`` in the current language, with ``{placeholders}`` filled."""
    text = CATALOGUE[current_language()][key]
    return text.format(**values) if values else text


def number(value: float, digits: int = 0) -> str:
    """``value`` with the language's separators: 1,976.5 in English, 1.976,5 in Spanish.

    >>> number(1976.54, 1), number(12.5, 1)
    ('1,976.5', '12.5')
    """
    text = f"{value:,.{digits}f}"
    return text.translate(str.maketrans(",.", ".,")) if current_language() == "es" else text


def percent(share: float, digits: int = 1) -> str:
    """A 0..1 share as a percentage: 19.4% in English, 19,4 % in Spanish."""
    text = number(share * 100, digits)
    return f"{text} %" if current_language() == "es" else f"{text}%"
