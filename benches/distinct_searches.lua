-- wrk script: every request a different search, so that no answer comes from the server's
-- cache of recent searches — words a candidate types (some with a typo) × a région (or none)
-- × remote work (or none) × experience (or none): 36 × 14 × 4 × 4 = 8,064 distinct searches;
-- the cache keeps an outcome 5 s, so a run that comes round again finds none left.
-- Used by scripts/bench_search.sh (« distinct searches »).
local words = {
  "data", "developpeur", "d%C3%A9veloppeuse", "chef%20de%20projet", "cybers%C3%A9curit%C3%A9", "backend",
  "front-end", "devops", "administrateur%20syst%C3%A8mes", "r%C3%A9seau", "cloud", "python", "java",
  "kubernetes", "product%20owner", "ux", "designer", "architecte", "s%C3%A9curit%C3%A9", "rssi",
  "alternance", "stage", "t%C3%A9l%C3%A9travail", "paris", "rennes", "lyon", "dinum", "anssi",
  "developeur", "chef%20de%20projt", "infrastructure", "support", "scrum", "qualit%C3%A9",
  "donn%C3%A9es", "informaticien",
}
local regions = { "", "11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94" }
local remotes = { "", "none", "partial", "full" }
local levels = { "", "junior", "confirmed", "senior" }
-- Each of wrk's threads takes its own share of the sequence.
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end
local sent = 0
request = function()
  sent = sent + 1
  local n = sent * 2 + (id or 0)
  local word = words[n % #words + 1]
  n = math.floor(n / #words)
  local region = regions[n % #regions + 1]
  n = math.floor(n / #regions)
  local remote = remotes[n % #remotes + 1]
  local level = levels[math.floor(n / #remotes) % #levels + 1]
  local path = "/api/v1/offers?q=" .. word
  if region ~= "" then path = path .. "&region=" .. region end
  if remote ~= "" then path = path .. "&remote=" .. remote end
  if level ~= "" then path = path .. "&experience=" .. level end
  return wrk.format("GET", path)
end
