// What ipywidgets 8.1 cannot set from Python, for keyboards and screen readers: an accessible
// name on every slider handle and list, its value read as words (months, rounded numbers with
// their unit), alt text on the figure, and the summary sentence as a live region. The
// `Accessible` widget of chipexport.widgets.accessible sits inside each figure widget; this
// module finds that widget's root element and keeps the attributes up to date.

function asWords(spec, now) {
  if (spec.labels) {
    return spec.labels[Math.round(Number(now))] ?? String(now);
  }
  const text = Number(now).toLocaleString("en-US", {
    minimumFractionDigits: spec.decimals, maximumFractionDigits: spec.decimals,
  });
  return spec.unit ? `${text} ${spec.unit}` : text;
}

function setIfChanged(element, name, value) {
  if (element.getAttribute(name) !== value) {
    element.setAttribute(name, value);
  }
}

function label(root, k, spec) {
  const control = root.querySelector(`.chipexport-control-${k}`);
  if (!control) {
    return;
  }
  const handles = control.querySelectorAll(".noUi-handle");
  handles.forEach((handle, i) => {
    const end = handles.length > 1 ? (i === 0 ? ", from" : ", to") : "";
    setIfChanged(handle, "aria-label", spec.name + end);
    setIfChanged(handle, "aria-valuetext", asWords(spec, handle.getAttribute("aria-valuenow")));
  });
  control.querySelectorAll("select").forEach((select) => setIfChanged(select, "aria-label", spec.name));
  control.querySelectorAll(".widget-readout").forEach((readout) => {
    setIfChanged(readout, "aria-label", `${spec.name}: type a value`);
  });
  control.querySelectorAll("label.widget-label").forEach((text) => text.removeAttribute("title"));
}

export default {
  render({ model, el }) {
    let root = null;
    let observer = null;
    const apply = () => {
      if (!root) {
        return;
      }
      model.get("controls").forEach((spec, k) => label(root, k, spec));
      const image = root.querySelector("img.widget-image");
      if (image) {
        setIfChanged(image, "alt", model.get("alt"));
        setIfChanged(image, "role", "img");
      }
      const summary = root.querySelector(".chipexport-summary");
      if (summary) {
        setIfChanged(summary, "role", "status");
        setIfChanged(summary, "aria-live", "polite");
      }
    };
    let frames = 0;
    const attach = () => {
      root = el.closest(".chipexport-figure-widget");
      if (!root) {
        if (frames++ < 600) {
          requestAnimationFrame(attach);
        }
        return;
      }
      observer = new MutationObserver(apply);
      observer.observe(root, {
        subtree: true, childList: true, attributes: true,
        attributeFilter: ["aria-valuenow", "aria-valuetext", "src"],
      });
      apply();
    };
    attach();
    model.on("change:alt", apply);
    model.on("change:controls", apply);
    return () => observer && observer.disconnect();
  },
};
