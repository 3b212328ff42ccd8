-- The offline renderer's stand-in for the few Quarto features brief.qmd uses:
-- `fig-alt` becomes the image's alt text, and `.content-visible when-format=...` /
-- `.content-hidden when-format=...` divs are kept or dropped for the target format.
local target = FORMAT:match("html") and "html" or (FORMAT:match("typst") and "typst" or FORMAT)

function Image(img)
  local alt = img.attributes["fig-alt"]
  if alt then
    img.attributes["fig-alt"] = nil
    img.attributes["alt"] = alt
  end
  -- Typst resolves paths against the .typ file; a leading "/" makes them relative to the
  -- project root (the report folder), where brief.qmd's paths are written from.
  if target == "typst" and not img.src:match("^/") and not img.src:match("^%a+:") then
    img.src = "/" .. img.src
  end
  return img
end

function Div(div)
  local when = div.attributes["when-format"]
  if when == nil then return nil end
  local matches = (when == target) or (when == "pdf" and target == "typst")
  if div.classes:includes("content-visible") then
    if matches then return div.content else return {} end
  elseif div.classes:includes("content-hidden") then
    if matches then return {} else return div.content end
  end
  return nil
end

