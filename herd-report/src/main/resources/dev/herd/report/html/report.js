/*
 * herd report: draws the charts described in the page's embedded JSON (#herd-data) with uPlot (inlined
 * above), keeps them as wide as their container, and writes a self-check into #herd-selfcheck: how many
 * charts were expected, how many drew visible series pixels, and any error the page met.
 */
(function () {
  'use strict';

  var errors = window.__herdErrors || [];
  var plots = [];

  function byId(id) { return document.getElementById(id); }

  function readData() {
    try {
      return JSON.parse(byId('herd-data').textContent);
    } catch (e) {
      errors.push('cannot read the embedded data: ' + e);
      return { charts: [] };
    }
  }

  /** "1 in N" back to a percentile label: 1 → 0%, 10 → 90%, 1000 → 99.9%. */
  function percentileLabel(x) {
    if (x <= 1) { return '0%'; }
    var p = 100 - 100 / x;
    var digits = Math.max(0, Math.ceil(Math.log10(x)) - 2);
    return Number(p.toFixed(Math.min(digits, 6))) + '%';
  }

  function formatNumber(v) {
    if (v == null || isNaN(v)) { return '–'; }
    if (Number.isInteger(v)) { return v.toLocaleString('en-US'); }
    var a = Math.abs(v);
    if (a >= 1000) { return Math.round(v).toLocaleString('en-US'); }
    if (a >= 100) { return v.toFixed(1); }
    if (a >= 10) { return v.toFixed(2); }
    if (a === 0) { return '0'; }
    return String(Number(v.toPrecision(3)));
  }

  function withAlpha(hex, alpha) {
    var n = parseInt(hex.slice(1), 16);
    return 'rgba(' + ((n >> 16) & 255) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + alpha + ')';
  }

  function fromZeroRange(u, min, max) {
    var top = max > 0 ? max : 1;
    return [0, uPlot.rangeNum(0, top, 0.1, true)[1]];
  }

  /** Shades the run's stages behind a time chart and names them at the top. */
  function stageBands(bands) {
    return function (u) {
      var ctx = u.ctx;
      var box = u.bbox;
      var dpr = window.devicePixelRatio || 1;
      ctx.save();
      ctx.font = (11 * dpr) + 'px system-ui, sans-serif';
      ctx.textBaseline = 'top';
      for (var i = 0; i < bands.length; i++) {
        var b = bands[i];
        var x0 = Math.max(box.left, u.valToPos(b.from, 'x', true));
        var x1 = Math.min(box.left + box.width, u.valToPos(b.to, 'x', true));
        if (!(x1 > x0)) { continue; }
        ctx.fillStyle = i % 2 === 0 ? 'rgba(11,92,173,0.05)' : 'rgba(11,92,173,0.10)';
        ctx.fillRect(x0, box.top, x1 - x0, box.height);
        ctx.fillStyle = '#5a6272';
        ctx.fillText(b.label, x0 + 4 * dpr, box.top + 3 * dpr, Math.max(0, x1 - x0 - 6 * dpr));
      }
      ctx.restore();
    };
  }

  /** A y axis as wide as its longest tick label (uPlot's default is fixed and clips "400,000"). */
  function axisSize(u, values, axisIdx, cycleNum) {
    var axis = u.axes[axisIdx];
    if (cycleNum > 1 && axis._size) { return axis._size; }
    var size = axis.ticks.size + axis.gap;
    var longest = (values || []).reduce(function (a, v) { return String(v).length > a.length ? String(v) : a; }, '');
    if (longest !== '') {
      u.ctx.font = axis.font[0];
      size += u.ctx.measureText(longest).width / (window.devicePixelRatio || 1);
    }
    return Math.ceil(Math.max(size, 40));
  }

  function decades(u, axisIdx, min, max) {
    var out = [];
    for (var e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
      var v = Math.pow(10, e);
      if (v >= min * 0.999 && v <= max * 1.001) { out.push(v); }
    }
    return out;
  }

  function xAxis(spec) {
    var axis = { label: spec.xLabel, stroke: '#1d2330', grid: { stroke: '#e6e9ef', width: 1 }, ticks: { stroke: '#d9dde5' } };
    if (spec.kind === 'PERCENTILE') {
      axis.splits = function (u) {
        var out = [];
        for (var v = 1; v <= u.scales.x.max * 1.0001; v *= 10) { out.push(v); }
        return out;
      };
      axis.values = function (u, splits) { return splits.map(percentileLabel); };
    } else if (spec.xLog) {
      axis.splits = decades;
      axis.values = function (u, splits) { return splits.map(formatNumber); };
    } else if (spec.kind === 'CATEGORY') {
      axis.splits = function () { return spec.x.slice(); };
      axis.values = function (u, splits) {
        return splits.map(function (v) { return spec.categories[Math.round(v)] || ''; });
      };
    }
    return axis;
  }

  function xSeries(spec) {
    var value;
    if (spec.kind === 'PERCENTILE') {
      value = function (u, v) { return v == null ? '–' : percentileLabel(v) + ' (1 in ' + formatNumber(v) + ')'; };
    } else if (spec.kind === 'CATEGORY') {
      value = function (u, v) { return v == null ? '–' : spec.categories[Math.round(v)]; };
    } else {
      value = function (u, v) { return formatNumber(v); };
    }
    return { label: spec.kind === 'PERCENTILE' ? 'percentile' : spec.xLabel, value: value };
  }

  function options(spec, width) {
    var scales = { x: { time: false } };
    if (spec.xLog) { scales.x.distr = 3; scales.x.log = 10; }
    if (spec.kind === 'CATEGORY') {
      scales.x.range = function () { return [-0.5, spec.x.length - 0.5]; };
    } else if (spec.kind === 'TIME') {
      scales.x.range = function (u, min, max) { return [0, max > 0 ? max : 1]; };
    } else if (!spec.xLog && spec.series.some(function (s) { return s.style === 'bars'; }) && spec.x.length > 1) {
      // room for the first and last bars: half a step either side
      var step = Infinity;
      for (var i = 1; i < spec.x.length; i++) { step = Math.min(step, spec.x[i] - spec.x[i - 1]); }
      scales.x.range = function (u, min, max) { return [min - step / 2, max + step / 2]; };
    }
    var axes = [xAxis(spec)];
    spec.scales.forEach(function (s, i) {
      scales[s.id] = s.log ? { distr: 3, log: 10 } : (s.fromZero ? { range: fromZeroRange } : {});
      var axis = {
        scale: s.id,
        label: s.label,
        side: s.side === 'right' ? 1 : 3,
        stroke: '#1d2330',
        grid: { show: i === 0, stroke: '#e6e9ef', width: 1 },
        ticks: { stroke: '#d9dde5' },
        size: axisSize
      };
      if (s.log) {
        // Decades only: uPlot's default log ticks (2, 3, … 9 of each decade) crowd a short chart.
        axis.splits = decades;
        axis.values = function (u, splits) { return splits.map(formatNumber); };
      }
      axes.push(axis);
    });
    var series = [xSeries(spec)];
    spec.series.forEach(function (s) {
      var few = spec.x.length <= 30;
      var o = {
        label: s.label,
        scale: s.scale,
        stroke: s.color,
        width: 2,
        spanGaps: spec.kind === 'PERCENTILE' || spec.kind === 'CATEGORY',
        value: function (u, v) { return formatNumber(v); },
        points: { show: few, size: 5 }
      };
      if (s.dash) { o.dash = s.dash; }
      if (s.style === 'bars') {
        o.paths = uPlot.paths.bars({ size: [0.7, 60], align: 0 });
        o.fill = withAlpha(s.color, 0.55);
        o.width = 1;
        o.points = { show: false };
      } else if (s.style === 'step') {
        o.paths = uPlot.paths.stepped({ align: 1 });
      } else if (s.style === 'points') {
        o.width = 1.5;
        o.points = { show: true, size: 8, fill: s.color };
      }
      series.push(o);
    });
    var hooks = {};
    if (spec.bands) { hooks.drawClear = [stageBands(spec.bands)]; }
    return {
      width: width,
      height: plotHeight(spec),
      scales: scales,
      axes: axes,
      series: series,
      hooks: hooks,
      legend: { live: true },
      cursor: { drag: { x: true, y: false } }
    };
  }

  function plotHeight(spec) {
    var h = spec.height || 300;
    return window.innerWidth < 600 ? Math.round(h * 0.8) : h;
  }

  function widthOf(el) {
    return Math.max(240, Math.floor(el.getBoundingClientRect().width || el.clientWidth || 600));
  }

  function draw(spec) {
    var el = document.querySelector('[data-chart="' + spec.id + '"]');
    if (!el) {
      errors.push('no element for chart ' + spec.id);
      return;
    }
    try {
      var data = [spec.x].concat(spec.series.map(function (s) { return s.data; }));
      var u = new uPlot(options(spec, widthOf(el)), data, el);
      plots.push({ spec: spec, el: el, u: u });
    } catch (e) {
      errors.push('chart ' + spec.id + ': ' + e);
      el.textContent = 'This chart could not be drawn: ' + e;
    }
  }

  function onResize() {
    plots.forEach(function (p) {
      var w = widthOf(p.el);
      if (Math.abs(w - p.u.width) > 2) { p.u.setSize({ width: w, height: plotHeight(p.spec) }); }
    });
  }

  /** Pixels of the canvas close to one of the chart's series colours: a series drew, not only the axes. */
  function seriesPixels(p) {
    var canvas = p.u.ctx.canvas;
    var img = p.u.ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    var colors = p.spec.series.map(function (s) {
      var n = parseInt(s.color.slice(1), 16);
      return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
    });
    var count = 0;
    for (var i = 0; i < img.length; i += 4) {
      if (img[i + 3] < 100) { continue; }
      for (var c = 0; c < colors.length; c++) {
        var d = Math.abs(img[i] - colors[c][0]) + Math.abs(img[i + 1] - colors[c][1]) + Math.abs(img[i + 2] - colors[c][2]);
        if (d < 60) { count++; break; }
      }
    }
    return count;
  }

  function selfCheck(data) {
    var out = byId('herd-selfcheck');
    var result = { expected: document.querySelectorAll('[data-chart]').length, charts: data.charts.length, drawn: 0,
      blank: [], errors: errors.slice() };
    plots.forEach(function (p) {
      try {
        var px = seriesPixels(p);
        if (px >= 10) { result.drawn++; } else { result.blank.push(p.spec.id); }
      } catch (e) {
        result.errors.push('self-check of ' + p.spec.id + ': ' + e);
      }
    });
    result.ok = result.errors.length === 0 && result.blank.length === 0 && result.drawn === result.expected;
    if (out) {
      out.textContent = JSON.stringify(result);
      out.setAttribute('data-ok', String(result.ok));
    }
  }

  var data = readData();
  (data.charts || []).forEach(draw);
  var timer = null;
  window.addEventListener('resize', function () {
    clearTimeout(timer);
    timer = setTimeout(onResize, 100);
  });
  // uPlot draws in a microtask after construction; check once it has.
  setTimeout(function () { selfCheck(data); }, 50);
})();
