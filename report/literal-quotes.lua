-- Typst output: quotation marks as the characters themselves. Pandoc's Typst writer turns them
-- back into ' and " for Typst's smart quotes to guess, and after a closing bracket some Typst
-- versions guess an opening quote: a descriptive title printed as ‘[Embassy … Day]‘. Raw Typst
-- keeps the character. Runs after citeproc, which writes the quotes around titles.
local marks = {
  SingleQuote = { "‘", "’" },
  DoubleQuote = { "“", "”" },
}
local curly = { "‘", "’", "“", "”" }

-- The first curly mark in `text` (Lua patterns work on bytes, so each mark is looked up plainly).
local function first_mark(text)
  local best, best_end
  for _, mark in ipairs(curly) do
    local at, stop = text:find(mark, 1, true)
    if at and (not best or at < best) then best, best_end = at, stop end
  end
  return best, best_end
end

local function raw(mark)
  return pandoc.RawInline("typst", mark)
end

function Quoted(quoted)
  if not FORMAT:match("typst") then return nil end
  local pair = marks[quoted.quotetype]
  local out = pandoc.List({ raw(pair[1]) })
  out:extend(quoted.content)
  out:insert(raw(pair[2]))
  return out
end

function Str(str)
  if not FORMAT:match("typst") or not first_mark(str.text) then return nil end
  local out, rest = pandoc.List(), str.text
  while #rest > 0 do
    local at, stop = first_mark(rest)
    if not at then
      out:insert(pandoc.Str(rest))
      break
    end
    if at > 1 then out:insert(pandoc.Str(rest:sub(1, at - 1))) end
    out:insert(raw(rest:sub(at, stop)))
    rest = rest:sub(stop + 1)
  end
  return out
end
