"""``iegraph serve``: a local web workbench over the graph, Chinese first, English second.

CONTRACT for the page modules built on this core (entity pages, draft review):

- A page module is ``iegraph/web/<name>.py`` with ``ROUTES: list[Route]`` (starlette.routing.Route).
  ``iegraph.web.app.create_app`` adds the ROUTES of ``iegraph.web.entity`` and
  ``iegraph.web.review`` after the core routes; app.py imports both modules explicitly
  (a page module imports state, templating, security, viewpages — never app).
- Routes: ``/entity/{entity_id:path}`` (entity pages; ``:path`` because an id may hold
  a ``/``) belongs to entity.py, ``/drafts…`` to review.py. The core owns ``/``,
  ``/search``, ``/query``, ``/query/{name}``, ``/view``, ``/view/{kind}``,
  ``/view/{kind}/raw`` and ``/static``.
- State: ``from iegraph.web.state import WebState, state_of``; ``state_of(request)``
  gives the WebState (``graph: db.Graph``, ``allow_writes``, ``lang`` ('zh' default),
  ``csrf_secret``). Reads go through ``state.graph`` and library functions of
  iegraph/queries (no Cypher in handlers). Handlers may be plain ``def`` (Starlette runs
  them in a thread pool: the driver is blocking).
- Rendering: ``from iegraph.web.templating import render, entity_url, view_url, query_url, t``;
  ``render(request, "x.html", **ctx)`` returns an HTMLResponse. Templates go in
  ``iegraph/web/templates/``, extend ``base.html`` and fill ``{% block title %}`` and
  ``{% block content %}``. Autoescape is ON: never mark graph text ``|safe``.
  In templates: ``t(value, what)`` labels ('header' for a column, or 'kind', 'type',
  'level', 'basis' for enumeration values), ``entity_url(id)``, ``view_url('ego', org=id)``,
  ``query_url('partners', org=id)`` (the question's name is positional-only, so
  ``query_url('evidence', name=id)`` works), ``question_zh(spec)`` (the Chinese half of a
  question's summary), ``csrf_token()``, ``allow_writes``, ``lang``.
  ``{% include "_table.html" %}`` draws a sortable result table (see questions.py).
- Static files: ``iegraph/web/static/`` served at ``/static/`` (site.css, table.js).
  No CDN, no inline ``<script>`` or ``style=""``: the CSP (security.PAGE_CSP,
  ``default-src 'self'``) forbids them. Put a page's script in a static .js file.
- Embedding a network view: ``<iframe src="{{ view_url('ego', org=id) }}/raw…">`` — use
  ``viewpages.raw_url(kind, **params)`` (a same-origin frame; the view page keeps its own
  CSP, its inline scripts allowed by hash).
- Errors: raise IegraphError subclasses (NotFoundError -> 404, InputError /
  AmbiguousNameError -> 400) or ``starlette.exceptions.HTTPException(status, message)``;
  the app renders them as a Chinese/English error page, never a traceback.
- Writes (POST): ``from iegraph.web.security import require_writes, check_csrf``; in the
  handler call ``require_writes(state)`` (403 without --allow-writes), then
  ``form = await request.form()`` and ``check_csrf(request, form)`` (403 without the
  token or from another origin). Forms include
  ``<input type="hidden" name="csrf_token" value="{{ csrf_token() }}">``.
"""
