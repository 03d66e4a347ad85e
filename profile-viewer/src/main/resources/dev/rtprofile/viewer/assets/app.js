/*
 * The rtprofile viewer page: a hash-routed single page over the viewer's read-only JSON API.
 * Routes: #/search?q=&policy=, #/profile?identity=NS:value|profile=ID&policy=&tab=&focus=,
 * #/overview. Everything is built with DOM calls and textContent, never from HTML strings,
 * because every value shown comes from customer data.
 */
(function () {
  'use strict';

  var TYPE_COLOURS = {
    CROSS_DEVICE: '#2f6fdb',
    EMAIL: '#2e9b4f',
    PHONE: '#13a3b5',
    DEVICE: '#e08a1e',
    COOKIE: '#9a5fc0',
    NON_PEOPLE: '#7f7f7f',
    PARTNER: '#b5a31a',
    OTHER_GRAPH: '#c3c8d2'
  };
  var TOKEN_KEY = 'rtprofile.viewer.token';

  var state = {
    policies: [],
    defaultPolicy: null,
    search: { cursors: [null], index: 0, key: null },
    events: { cursors: [null], index: 0, key: null },
    profile: null,          // {key, subject, policy, entity, data}
    graphFocus: null,
    charts: {}
  };

  // ---------------------------------------------------------------------------------------------
  // Small helpers

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) { return; }
        if (k === 'text') { node.textContent = v; }
        else if (k === 'className') { node.className = v; }
        else if (k === 'onclick') { node.addEventListener('click', v); }
        else { node.setAttribute(k, v === true ? '' : String(v)); }
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) { continue; }
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } return node; }

  function show(node, visible) { node.hidden = !visible; }

  function identityText(identity) { return identity.namespace.code + ':' + identity.id; }

  function when(iso) {
    if (iso === null || iso === undefined || iso === '') { return ''; }
    var d = typeof iso === 'number' ? new Date(iso) : new Date(iso);
    if (isNaN(d.getTime())) { return String(iso); }
    return d.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
  }

  function day(iso) { return when(iso).slice(0, 10); }

  function valueText(value) {
    if (value === null || value === undefined) { return ''; }
    if (typeof value === 'object') { return JSON.stringify(value); }
    return String(value);
  }

  function qs(params) {
    var parts = [];
    Object.keys(params).forEach(function (k) {
      var v = params[k];
      if (v !== null && v !== undefined && v !== '') {
        parts.push(encodeURIComponent(k) + '=' + encodeURIComponent(v));
      }
    });
    return parts.join('&');
  }

  // ---------------------------------------------------------------------------------------------
  // API access, with the access token when the viewer has one

  function token() { return sessionStorage.getItem(TOKEN_KEY); }

  // The token arrives in the address's fragment, which the browser never sends: #token=T, or
  // #token=T&/overview to open a view. It is kept for the tab and removed from the address.
  function takeTokenFromUrl() {
    var hash = window.location.hash;
    if (hash.indexOf('#token=') !== 0) { return; }
    var amp = hash.indexOf('&');
    var raw = amp < 0 ? hash.slice(7) : hash.slice(7, amp);
    var rest = amp < 0 ? '' : hash.slice(amp + 1);
    try { sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(raw)); } catch (e) { /* keep none */ }
    history.replaceState(null, '', window.location.pathname + '#' + (rest.charAt(0) === '/' ? rest : '/search'));
  }

  // Parameters travel URL-encoded in a header, never in the URL: no identity value or token
  // reaches the server's request log, and the URL is the endpoint alone.
  function api(path, params) {
    var headers = { 'Accept': 'application/json' };
    var query = params ? qs(params) : '';
    if (query) { headers['X-Rtprofile-Query'] = query; }
    if (token()) { headers['X-Access-Token'] = token(); }
    return fetch(path, { headers: headers, credentials: 'same-origin' }).then(function (response) {
      return response.json().then(function (body) {
        if (response.status === 401) {
          show($('token-form'), true);
          $('token-input').focus();
        }
        if (!response.ok) {
          var err = new Error(body && body.error ? body.error.message : 'HTTP ' + response.status);
          err.status = response.status;
          throw err;
        }
        return body;
      });
    });
  }

  function showError(error) {
    var box = $('message');
    box.textContent = error && error.message ? error.message : String(error);
    show(box, true);
  }

  function clearError() { show($('message'), false); }

  // ---------------------------------------------------------------------------------------------
  // Routing

  function route() {
    var hash = window.location.hash || '#/search';
    var q = hash.indexOf('?');
    var name = q < 0 ? hash.slice(2) : hash.slice(2, q);
    var params = new URLSearchParams(q < 0 ? '' : hash.slice(q + 1));
    return { name: name || 'search', params: params };
  }

  function go(name, params) {
    var next = '#/' + name + (params && qs(params) ? '?' + qs(params) : '');
    if (window.location.hash === next) { render(); } else { window.location.hash = next; }
  }

  function currentPolicy() { return $('policy-select').value || state.defaultPolicy; }

  function render() {
    clearError();
    var r = route();
    var policy = r.params.get('policy');
    if (policy && $('policy-select').value !== policy) { $('policy-select').value = policy; }
    ['search', 'profile', 'overview'].forEach(function (v) { show($('view-' + v), v === r.name); });
    $('nav-search').removeAttribute('aria-current');
    $('nav-overview').removeAttribute('aria-current');
    if (r.name === 'overview') {
      $('nav-overview').setAttribute('aria-current', 'page');
      renderOverview();
    } else if (r.name === 'profile') {
      renderProfile(r.params);
    } else {
      $('nav-search').setAttribute('aria-current', 'page');
      var q = r.params.get('q') || '';
      if ($('search-input').value !== q) { $('search-input').value = q; }
      renderSearch(q);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Search

  function renderSearch(q) {
    var key = q + '\u0000' + currentPolicy();
    if (state.search.key !== key) {
      state.search = { cursors: [null], index: 0, key: key };
    }
    var cursor = state.search.cursors[state.search.index];
    return api('/api/search', { q: q, policy: currentPolicy(), cursor: cursor, limit: 20 })
      .then(function (result) { drawResults(result); })
      .catch(function (e) { drawResults(null); showError(e); });
  }

  function drawResults(result) {
    var thead = clear($('results').tHead);
    var tbody = clear($('results').tBodies[0]);
    if (!result) {
      $('results-title').textContent = 'Search';
      $('results-plan').textContent = '';
      $('results-page').textContent = '';
      $('results-prev').disabled = true;
      $('results-next').disabled = true;
      show($('results-empty'), false);
      return;
    }
    var titles = { sample: 'Browse: a sample of every profile', search: 'Search results', lookup: 'Identity lookup' };
    $('results-title').textContent = titles[result.mode] || 'Results';
    $('results-plan').textContent = result.mode === 'search'
      ? 'All of: ' + result.conditions.join(', ') + ' \u2014 ' + (result.plan || '')
      : (result.mode === 'sample' ? 'The profiles with the smallest profile ids, in id order.' : '');
    var header = el('tr', null,
      el('th', { scope: 'col', text: 'Primary identity' }),
      el('th', { scope: 'col', text: 'Profile id' }),
      el('th', { scope: 'col', text: 'Identities' }));
    result.columns.forEach(function (c) { header.appendChild(el('th', { scope: 'col', text: c })); });
    thead.appendChild(header);
    result.profiles.forEach(function (row) {
      var primary = identityText(row.primaryIdentity);
      var link = el('a', {
        href: '#/profile?' + qs({ identity: primary, policy: result.policy }),
        className: 'open-profile',
        'data-profile-id': row.profileId
      }, primary);
      var namespaces = Object.keys(row.namespaces).map(function (ns) {
        return ns + ' \u00d7' + row.namespaces[ns];
      }).join(', ');
      var tr = el('tr', { 'data-profile-id': row.profileId },
        el('td', null, link),
        el('td', null, el('code', { text: row.profileId })),
        el('td', { text: row.identityCount + ' (' + namespaces + ')' }));
      result.columns.forEach(function (c) {
        tr.appendChild(el('td', { className: 'value', text: valueText(row.attributes[c]) }));
      });
      tbody.appendChild(tr);
    });
    show($('results-empty'), result.profiles.length === 0);
    var s = state.search;
    if (result.next && s.cursors.length === s.index + 1) { s.cursors.push(result.next); }
    $('results-prev').disabled = s.index === 0;
    $('results-next').disabled = !result.next;
    $('results-page').textContent = result.mode === 'lookup' ? '' : 'Page ' + (s.index + 1);
  }

  function pageResults(delta) {
    state.search.index = Math.max(0, state.search.index + delta);
    renderSearch(route().params.get('q') || '');
  }

  // ---------------------------------------------------------------------------------------------
  // Profile card

  function subjectOf(params) {
    if (params.get('identity')) { return { identity: params.get('identity') }; }
    if (params.get('profile')) { return { profile: params.get('profile') }; }
    return null;
  }

  function renderProfile(params) {
    var subject = subjectOf(params);
    var tab = params.get('tab') || 'attributes';
    state.graphFocus = params.get('focus');
    if (!subject) { showError(new Error('The address names no profile.')); return; }
    var policy = currentPolicy();
    var key = JSON.stringify([subject, policy]);
    selectTab(tab);
    var loaded = state.profile && state.profile.key === key
      ? Promise.resolve(state.profile)
      : loadProfile(subject, policy, key);
    loaded.then(function (profile) {
      if (!profile) { return; }
      if (tab === 'events') { renderEvents(); }
      if (tab === 'graph') { renderGraph(); }
    });
  }

  function loadProfile(subject, policy, key) {
    var path = subject.identity ? '/api/lookup' : '/api/profile/' + encodeURIComponent(subject.profile);
    var params = subject.identity ? { identity: subject.identity, policy: policy } : { policy: policy };
    clear($('explain')).appendChild(el('p', { className: 'muted', text: 'No attribute chosen.' }));
    return api(path, params).then(function (doc) {
      var id = Object.keys(doc)[0];
      var data = doc[id];
      state.profile = { key: key, subject: subject, policy: policy, id: id, data: data };
      state.events = { cursors: [null], index: 0, key: null };
      drawProfile(state.profile);
      return state.profile;
    }).catch(function (e) {
      state.profile = null;
      $('profile-title').textContent = 'Profile';
      $('profile-meta').textContent = '';
      clear($('identities'));
      clear($('attributes'));
      showError(e);
      return null;
    });
  }

  function drawProfile(profile) {
    var entity = profile.data.entity;
    var primary = entity.identities.filter(function (i) { return i.primary; })[0];
    $('profile-title').textContent = primary ? identityText(primary) : profile.id;
    $('profile-meta').textContent = 'Profile id ' + profile.id + ' \u00b7 policy ' + profile.policy
      + ' \u00b7 sources ' + profile.data.sources.join(', ')
      + ' \u00b7 last modified ' + when(profile.data.lastModifiedAt);
    drawIdentities(entity.identities);
    var attributes = {};
    Object.keys(entity).forEach(function (k) { if (k !== 'identities') { attributes[k] = entity[k]; } });
    var tree = clear($('attributes'));
    if (Object.keys(attributes).length === 0) {
      tree.appendChild(el('p', { className: 'muted', text: 'No attributes under this policy.' }));
    } else {
      tree.appendChild(drawTree(attributes, ''));
    }
  }

  function drawIdentities(identities) {
    var box = clear($('identities'));
    var groups = {};
    identities.forEach(function (i) {
      (groups[i.namespace.code] = groups[i.namespace.code] || []).push(i);
    });
    Object.keys(groups).sort().forEach(function (ns) {
      var list = el('ul');
      groups[ns].forEach(function (i) {
        var li = el('li', { className: 'identity', 'data-identity': identityText(i) },
          el('span', { className: 'mono', text: i.id }));
        if (i.primary) {
          li.appendChild(el('span', { className: 'badge', text: 'primary' }));
        }
        list.appendChild(li);
      });
      box.appendChild(el('div', { className: 'ns-group' },
        el('h4', { text: ns + ' (' + groups[ns].length + ')' }), list));
    });
  }

  function drawTree(object, prefix) {
    var ul = el('ul', { className: prefix ? null : 'tree' });
    Object.keys(object).sort().forEach(function (key) {
      var value = object[key];
      var path = prefix ? prefix + '.' + key : key;
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        ul.appendChild(el('li', null,
          el('details', { open: true }, el('summary', { text: key }), drawTree(value, path))));
      } else {
        var button = el('button', {
          type: 'button', className: 'leaf', 'data-path': path, 'aria-pressed': 'false',
          title: 'Explain ' + path, onclick: function () { explain(path, button); }
        }, key);
        ul.appendChild(el('li', null, button, ' ', el('span', {
          className: 'value', 'data-value-path': path, text: valueText(value)
        })));
      }
    });
    return ul;
  }

  function explain(path, button) {
    var profile = state.profile;
    if (!profile) { return; }
    Array.prototype.forEach.call(document.querySelectorAll('.leaf[aria-pressed="true"]'), function (b) {
      b.setAttribute('aria-pressed', 'false');
    });
    button.setAttribute('aria-pressed', 'true');
    var params = { policy: profile.policy, path: path };
    if (profile.subject.identity) { params.identity = profile.subject.identity; } else { params.profile = profile.subject.profile; }
    api('/api/explain', params).then(drawExplanation).catch(showError);
  }

  function drawExplanation(x) {
    var box = clear($('explain'));
    box.appendChild(el('p', null, el('code', { text: x.path }), ' = ',
      el('strong', { className: 'value', id: 'explain-value', text: valueText(x.value) })));
    var rules = {
      timestampOrdered: 'the newest fragment with a value wins',
      dataSetPrecedence: 'the highest-ranked dataset with a value wins'
    };
    box.appendChild(el('p', { className: 'muted', text: 'Rule: ' + x.rule + (rules[x.rule] ? ' (' + rules[x.rule] + ')' : '') }));
    if (x.winner) {
      box.appendChild(el('p', { id: 'explain-winner' }, 'Winner: dataset ',
        el('strong', { text: x.winner.dataset }), ', fragment of ',
        el('code', { text: identityText(x.winner.primaryIdentity) }), ', at ', when(x.winner.timestamp)));
    } else {
      box.appendChild(el('p', { id: 'explain-winner', text: 'A strategy computed this value from the candidates.' }));
    }
    var table = el('table', { id: 'explain-candidates' },
      el('caption', { className: 'visually-hidden', text: 'Candidate values' }),
      el('thead', null, el('tr', null,
        el('th', { scope: 'col', text: '' }),
        el('th', { scope: 'col', text: 'Value' }),
        el('th', { scope: 'col', text: 'Dataset' }),
        el('th', { scope: 'col', text: 'Time' }))));
    var body = el('tbody');
    x.candidates.forEach(function (c) {
      var won = x.winner && c.dataset === x.winner.dataset
        && identityText(c.primaryIdentity) === identityText(x.winner.primaryIdentity);
      body.appendChild(el('tr', { className: won ? 'won' : 'lost' },
        el('td', { text: won ? 'won' : 'lost' }),
        el('td', { className: 'value', text: valueText(c.value) }),
        el('td', { text: c.dataset }),
        el('td', { text: when(c.timestamp) })));
    });
    table.appendChild(body);
    box.appendChild(el('div', { className: 'table-wrap' }, table));
  }

  function selectTab(tab) {
    ['attributes', 'events', 'graph'].forEach(function (t) {
      var selected = t === tab;
      $('tab-' + t).setAttribute('aria-selected', String(selected));
      $('tab-' + t).tabIndex = selected ? 0 : -1;
      show($('panel-' + t), selected);
    });
  }

  function openTab(tab) {
    var r = route();
    var params = {};
    r.params.forEach(function (v, k) { params[k] = v; });
    params.tab = tab;
    if (tab !== 'graph') { delete params.focus; }
    go('profile', params);
  }

  function subjectParams() {
    var s = state.profile.subject;
    return s.identity ? { identity: s.identity } : { profile: s.profile };
  }

  // ---------------------------------------------------------------------------------------------
  // Events

  function renderEvents() {
    var profile = state.profile;
    var type = $('event-type').value;
    var order = $('event-order').value;
    var key = JSON.stringify([profile.key, type, order]);
    if (state.events.key !== key) {
      state.events = { cursors: [null], index: 0, key: key };
      loadEventTypes(profile);
    }
    var params = subjectParams();
    params.policy = profile.policy;
    params.type = type;
    params.order = order;
    params.limit = 20;
    params.cursor = state.events.cursors[state.events.index];
    return api('/api/events', params).then(drawEvents).catch(showError);
  }

  function loadEventTypes(profile) {
    var params = subjectParams();
    params.policy = profile.policy;
    api('/api/event-types', params).then(function (result) {
      var select = $('event-type');
      var chosen = select.value;
      while (select.options.length > 1) { select.remove(1); }
      result.eventTypes.forEach(function (t) {
        select.appendChild(el('option', { value: t.type, text: t.type + ' (' + t.count + ')' }));
      });
      select.value = chosen;
    }).catch(showError);
  }

  function drawEvents(page) {
    var list = clear($('events-list'));
    page.children.forEach(function (child) {
      var raw = el('pre', { hidden: true, className: 'raw' }, JSON.stringify(child.entity, null, 2));
      var toggle = el('button', {
        type: 'button', 'aria-expanded': 'false', className: 'raw-toggle',
        onclick: function () {
          var open = raw.hidden;
          raw.hidden = !open;
          toggle.setAttribute('aria-expanded', String(open));
          toggle.textContent = open ? 'Hide JSON' : 'Raw JSON';
        }
      }, 'Raw JSON');
      list.appendChild(el('li', { className: 'event', 'data-event-id': child.entityId },
        el('time', { datetime: new Date(child.timestamp).toISOString(), text: when(child.timestamp) }),
        el('span', { className: 'etype', text: child.entity.eventType || '(no type)' }),
        el('span', { className: 'muted', text: child.sources.join(', ') + ' \u00b7 ' + child.entityId }),
        toggle, raw));
    });
    show($('events-empty'), page.children.length === 0);
    var e = state.events;
    var next = page._page.next;
    if (next && e.cursors.length === e.index + 1) { e.cursors.push(next); }
    $('events-prev').disabled = e.index === 0;
    $('events-next').disabled = !next;
    $('events-page').textContent = 'Page ' + (e.index + 1) + ' \u00b7 ' + page._page.count + ' events';
  }

  function pageEvents(delta) {
    state.events.index = Math.max(0, state.events.index + delta);
    renderEvents();
  }

  // ---------------------------------------------------------------------------------------------
  // Identity graph

  function renderGraph() {
    var params = subjectParams();
    return api('/api/graph', params).then(drawGraph).catch(showError);
  }

  function chart(id) {
    var node = $(id);
    var existing = echarts.getInstanceByDom(node);
    return existing || echarts.init(node, null, { renderer: 'canvas' });
  }

  function linkLabel(link) {
    return link.datasets.join(', ') + '\n' + day(link.firstSeen) + ' \u2192 ' + day(link.lastSeen);
  }

  function drawGraph(graph) {
    var members = {};
    graph.identities.forEach(function (i) { members[identityText(i)] = i; });
    var focus = state.graphFocus && members[state.graphFocus] ? state.graphFocus : null;
    if (!focus) {
      var primary = state.profile.data.entity.identities.filter(function (i) { return i.primary; })[0];
      focus = primary && members[identityText(primary)] ? identityText(primary) : identityText(graph.identities[0]);
    }
    var types = Object.keys(TYPE_COLOURS);
    var nodes = [];
    var seen = {};
    function addNode(key, identity, view) {
      if (seen[key]) { return; }
      seen[key] = true;
      var type = view ? view.type : 'OTHER_GRAPH';
      var node = {
        id: key,
        name: key,
        category: types.indexOf(type),
        symbolSize: key === focus ? 44 : 28,
        identityType: type,
        tooltipText: view
          ? key + '\n' + type + '\nfirst seen ' + when(view.firstSeen) + '\nlast seen ' + when(view.lastSeen)
            + '\ndatasets ' + view.datasets.join(', ')
          : key + '\nin another graph (the link to it was removed)'
      };
      if (key === focus) {
        node.fixed = true;
        node.x = $('graph-chart').clientWidth / 2;
        node.y = $('graph-chart').clientHeight / 2;
        node.label = { fontWeight: 'bold' };
      }
      nodes.push(node);
    }
    graph.identities.forEach(function (i) { addNode(identityText(i), i, i); });
    graph.removedLinks.forEach(function (l) {
      [l.from, l.to].forEach(function (i) {
        var key = identityText(i);
        addNode(key, i, members[key] || null);
      });
    });
    // Start the other nodes on a circle around the focus, in the API's (canonical) order: the
    // force layout then settles the same way every time, instead of from random positions.
    var others = nodes.filter(function (n) { return n.id !== focus; });
    var cx = $('graph-chart').clientWidth / 2;
    var cy = $('graph-chart').clientHeight / 2;
    others.forEach(function (n, i) {
      var angle = (2 * Math.PI * i) / Math.max(1, others.length) - Math.PI / 2;
      n.x = cx + 180 * Math.cos(angle);
      n.y = cy + 180 * Math.sin(angle);
    });
    var showEdgeLabels = graph.links.length + graph.removedLinks.length <= 30;
    function edge(l, removed) {
      return {
        source: identityText(l.from),
        target: identityText(l.to),
        status: l.status,
        labelText: linkLabel(l),
        tooltipText: identityText(l.from) + ' \u2014 ' + identityText(l.to) + '\n' + l.status
          + '\ndatasets ' + l.datasets.join(', ') + '\nfirst seen ' + when(l.firstSeen)
          + '\nlast seen ' + when(l.lastSeen),
        lineStyle: removed
          ? { type: 'dashed', color: '#c0392b', width: 1.5, opacity: 0.9 }
          : { type: 'solid', color: '#7d8aa0', width: 2 }
      };
    }
    var links = graph.links.map(function (l) { return edge(l, false); })
      .concat(graph.removedLinks.map(function (l) { return edge(l, true); }));
    var c = chart('graph-chart');
    c.off('click');
    c.setOption({
      animation: false,
      tooltip: {
        formatter: function (p) { return (p.data.tooltipText || '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\n/g, '<br>'); }
      },
      legend: [{
        data: types.filter(function (t) { return nodes.some(function (n) { return n.identityType === t; }); }),
        top: 6, left: 'center'
      }],
      series: [{
        type: 'graph',
        layout: 'force',
        roam: true,
        draggable: true,
        force: { repulsion: 700, edgeLength: [140, 220], gravity: 0.08, layoutAnimation: false },
        categories: types.map(function (t) { return { name: t, itemStyle: { color: TYPE_COLOURS[t] } }; }),
        data: nodes,
        links: links,
        label: { show: true, position: 'right', fontSize: 12 },
        edgeLabel: {
          show: showEdgeLabels, fontSize: 10, color: '#374151', lineHeight: 13,
          backgroundColor: 'rgba(255,255,255,0.9)', padding: [1, 3], borderRadius: 3,
          formatter: function (p) { return p.data.labelText; }
        },
        emphasis: { focus: 'adjacency' }
      }]
    }, { notMerge: true });
    c.on('click', function (p) { if (p.dataType === 'node') { centre(p.data.id); } });
    c.resize();

    var removed = graph.removedLinks.length;
    $('graph-summary').textContent = graph.identities.length + ' identities, ' + graph.links.length
      + ' links' + (removed ? ', ' + removed + ' removed by the linking rules (dashed)' : '')
      + '. Centred on ' + focus + '. Choose a node to centre on it.';
    $('graph-chart').setAttribute('aria-label', 'Identity graph of ' + graph.identities.length
      + ' identities centred on ' + focus);
    var list = clear($('graph-nodes'));
    nodes.forEach(function (n) {
      list.appendChild(el('li', null,
        el('button', {
          type: 'button', className: 'centre', 'data-identity': n.id,
          'aria-pressed': String(n.id === focus), onclick: function () { centre(n.id); }
        }, 'Centre on ' + n.id),
        el('span', { className: 'type', text: n.identityType.replace('_', ' ').toLowerCase() })));
    });
    var tbody = clear($('graph-links').tBodies[0]);
    links.forEach(function (l, index) {
      var source = index < graph.links.length ? graph.links[index] : graph.removedLinks[index - graph.links.length];
      tbody.appendChild(el('tr', { className: l.lineStyle.type === 'dashed' ? 'lost' : null },
        el('td', { className: 'mono', text: l.source }),
        el('td', { className: 'mono', text: l.target }),
        el('td', { text: source.datasets.join(', ') }),
        el('td', { text: when(source.firstSeen) }),
        el('td', { text: when(source.lastSeen) }),
        el('td', { text: source.status })));
    });
  }

  /** Re-centres the graph on an identity; one of another graph opens that graph's profile. */
  function centre(identity) {
    api('/api/graph', { identity: identity }).then(function (graph) {
      var params = { identity: identity, policy: currentPolicy(), tab: 'graph', focus: identity };
      if (state.profile && graph.profileId === state.profile.id) {
        params = {};
        route().params.forEach(function (v, k) { params[k] = v; });
        params.focus = identity;
      }
      go('profile', params);
    }).catch(showError);
  }

  // ---------------------------------------------------------------------------------------------
  // Overview

  function renderOverview() {
    return api('/api/overview').then(drawOverview).catch(showError);
  }

  function drawOverview(o) {
    var stats = clear($('overview-stats'));
    [['Profiles', o.profiles, 'stat-profiles'], ['Identities', o.identities, 'stat-identities'],
      ['Links', o.links, 'stat-links'], ['Removed links', o.removedLinks, 'stat-removed'],
      ['Fragments', o.fragments, 'stat-fragments'], ['Events', o.events, 'stat-events']]
      .forEach(function (s) {
        stats.appendChild(el('div', null, el('dt', { text: s[0] }), el('dd', { id: s[2], text: String(s[1]) })));
      });
    var namespaces = Object.keys(o.identitiesByNamespace);
    chart('chart-namespaces').setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      grid: { left: 110, right: 20, top: 30, bottom: 30 },
      legend: { top: 0 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: namespaces },
      series: [
        { name: 'identities', type: 'bar', data: namespaces.map(function (n) { return o.identitiesByNamespace[n]; }) },
        { name: 'profiles holding one', type: 'bar', data: namespaces.map(function (n) { return o.profilesByNamespace[n] || 0; }) }
      ]
    }, { notMerge: true });
    chart('chart-sizes').setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      grid: { left: 50, right: 20, top: 36, bottom: 40 },
      xAxis: { type: 'category', name: 'identities', nameLocation: 'middle', nameGap: 26,
        data: o.graphSizes.map(function (b) { return String(b.size); }) },
      yAxis: { type: 'value', name: 'graphs' },
      series: [{ name: 'graphs', type: 'bar', data: o.graphSizes.map(function (b) { return b.graphs; }),
        itemStyle: { color: '#2f6fdb' } }]
    }, { notMerge: true });
    var box = clear($('overview-multiple'));
    if (o.graphsWithMultipleValues.length === 0) {
      box.appendChild(el('p', { className: 'muted', text: 'None: no graph holds two values of one namespace.' }));
    }
    o.graphsWithMultipleValues.forEach(function (m) {
      var list = el('ul');
      m.examples.forEach(function (id) {
        list.appendChild(el('li', null, el('a', { href: '#/profile?' + qs({ profile: id, policy: currentPolicy() }) },
          el('code', { text: id }))));
      });
      box.appendChild(el('div', { className: 'ns-group', 'data-namespace': m.namespace },
        el('h4', { text: m.namespace + ': ' + m.graphs + ' graph' + (m.graphs === 1 ? '' : 's') }), list));
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Start

  function loadPolicies() {
    return api('/api/policies').then(function (result) {
      state.defaultPolicy = result['default'];
      var select = clear($('policy-select'));
      result.policies.forEach(function (p) {
        var label = p.name && p.name !== p.id ? p.name + ' (' + p.id + ')' : p.id;
        select.appendChild(el('option', { value: p.id, text: label + (p['default'] ? ', default' : '') }));
      });
      select.value = state.defaultPolicy;
    });
  }

  function wire() {
    $('search-form').addEventListener('submit', function (event) {
      event.preventDefault();
      go('search', { q: $('search-input').value.trim(), policy: currentPolicy() });
    });
    $('policy-select').addEventListener('change', function () {
      var r = route();
      var params = {};
      r.params.forEach(function (v, k) { params[k] = v; });
      params.policy = currentPolicy();
      go(r.name, params);
    });
    $('results-prev').addEventListener('click', function () { pageResults(-1); });
    $('results-next').addEventListener('click', function () { pageResults(1); });
    $('events-prev').addEventListener('click', function () { pageEvents(-1); });
    $('events-next').addEventListener('click', function () { pageEvents(1); });
    $('event-type').addEventListener('change', renderEvents);
    $('event-order').addEventListener('change', renderEvents);
    $('events-filter').addEventListener('submit', function (event) { event.preventDefault(); });
    Array.prototype.forEach.call(document.querySelectorAll('[role="tab"]'), function (tab, i, tabs) {
      tab.addEventListener('click', function () { openTab(tab.getAttribute('data-tab')); });
      tab.addEventListener('keydown', function (event) {
        var move = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
        if (move) {
          var next = tabs[(i + move + tabs.length) % tabs.length];
          next.focus();
          openTab(next.getAttribute('data-tab'));
        }
      });
    });
    $('token-form').addEventListener('submit', function (event) {
      event.preventDefault();
      sessionStorage.setItem(TOKEN_KEY, $('token-input').value);
      show($('token-form'), false);
      start();
    });
    window.addEventListener('hashchange', render);
    window.addEventListener('resize', function () {
      ['graph-chart', 'chart-namespaces', 'chart-sizes'].forEach(function (id) {
        var c = echarts.getInstanceByDom($(id));
        if (c) { c.resize(); }
      });
    });
  }

  function start() {
    loadPolicies().then(render).catch(showError);
  }

  takeTokenFromUrl();
  wire();
  start();
}());
