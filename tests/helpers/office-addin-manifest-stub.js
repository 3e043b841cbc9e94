// office-addin-mock only needs this enum from office-addin-manifest (whose ESM deps jest cannot load).
module.exports = { OfficeApp: { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" } };
