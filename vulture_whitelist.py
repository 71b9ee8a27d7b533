"""Names vulture cannot see being used: read by name, by a framework, or from input.

vulture (``make lint``, configured in pyproject.toml) reports code that nothing in
iegraph/ or bench/ uses. The names below are used, but only in ways a static
reader cannot follow; each group says how. This file is only parsed, never run
(``_`` stands for any object). Before adding a name here, check that it is really
used: something only the tests call is dead code and goes.
"""

# --- Overrides called by the standard library or click, never by our code.
# html.parser.HTMLParser calls these while it parses (iegraph/extract/document.py).
_.handle_starttag
_.handle_endtag
_.handle_data
# click.Group.list_commands decides the order of `iegraph query --help` (iegraph/commands/query.py).
_.list_commands
# onnxruntime reads these options when it builds the recogniser's session (iegraph/extract/recogniser.py).
_.intra_op_num_threads
_.inter_op_num_threads

# --- Fields of question result rows (iegraph/queries/*.py). QuerySpec.run turns each row
# into a dict through dataclasses.fields (queries/_base.as_dict), so a field is read by
# name as an output column; only the ones nothing else reads by attribute are listed.
# BrokerRow
_.college_partners
_.enterprise_partners
# ConsortiumRow
_.member_ids
# EvidenceRow
_.quote_status
_.other_id
_.entity_id
# GapRow
_.gap
# PartnerRow, DepthRow
_.through
_.first_date
_.last_date
# PathStep
_.from_id
_.via_id
_.to_id
# ProjectRow
_.project
_.project_id
_.party_ids
# RecommendRow
_.adamic_adar
_.common_partners
_.candidate_id
_.common_ids
# StatsRow
_.example_ids
# SynergyRow
_.uig_units
# TimelineRow
_.fact_id

# --- Fact-sheet fields (iegraph/schema/factsheet.py). pydantic fills them from YAML; the
# loader reads sections through getattr(sheet, section) over convert.SECTIONS and optional
# properties through loops over field names; all of them are in the JSON Schema.
_.organizations
_.programs
_.policies
_.relations
_.author  # SourceSpec
_.ownership  # OrganizationSpec
# FactSheet.draft is part of the format so that `iegraph extract` drafts validate; a
# reviewer removes it, and the loader does not need to read it.
_.draft

# --- Members of the closed vocabularies (iegraph/schema/model.py). Input values become
# members through the enum's constructor (CollegeLevel("technician")) and the JSON Schema
# lists them, so a member no code names is still a value the graph accepts.
# CollegeLevel
_.TECHNICIAN
# ProjectType
_.TRAINING_BASE
_.PRACTICE_BASE
_.INNOVATION_CENTER
_.INDUSTRIAL_COLLEGE
_.TECH_RD
_.TALENT_CULTIVATION
_.EMPLOYMENT_BASE
# ConsortiumLevel, RegionLevel
_.NATIONAL
_.PROVINCIAL
_.CITY
_.DISTRICT
_.ZONE

# openpyxl reads these worksheet attributes when it saves the workbook (iegraph.output.write_sheet)
_.freeze_panes
# ... and these cell and comment attributes (iegraph.loaders.template)
_.font
_.height

# --- Fields the entity pages' templates read by name (iegraph/web/templates/entity_*.html,
# Jinja2 attribute access that vulture cannot follow).
# profile.PartnerPanel, profile.PartnerView, profile.Fact, entity.Figure
_.depth_counts
_.more_vias
_.subject_id
_.quantity

# --- Fields the workbench's Jinja2 templates read by name (iegraph/web/templates/*.html).
# questions.Field.input: the kind of form control (question.html, view.html)
_.input
# tables.Cell.numeric: right-aligned number cells (_table.html)
_.numeric
