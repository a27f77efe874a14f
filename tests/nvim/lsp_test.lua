-- Neovim's built-in LSP client driving `tigang lsp` (run by tests/nvim/run,
-- which writes the expected values from the CLI into $TIGANG_TMP). Uses
-- only APIs Neovim 0.7 (Debian 12) has. Exits with the number of failures.

local bin = assert(os.getenv('TIGANG_BIN'), 'TIGANG_BIN')
local tmp = assert(os.getenv('TIGANG_TMP'), 'TIGANG_TMP')
local root = vim.fn.getcwd()
local passed, failed = 0, 0

local function check(ok, what, detail)
  if ok then
    passed = passed + 1
    io.stdout:write('ok   ' .. what .. '\n')
  else
    failed = failed + 1
    io.stdout:write('FAIL ' .. what .. (detail and (': ' .. detail) or '') .. '\n')
  end
end

local function finish()
  io.stdout:write(string.format('nvim: %d passed, %d failed\n', passed, failed))
  io.stdout:flush()
  vim.cmd(failed == 0 and 'qall!' or ('cquit ' .. failed))
end

local function read_json(path)
  return vim.fn.json_decode(table.concat(vim.fn.readfile(path), '\n'))
end

local function clients(buf)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = buf })
  end
  return vim.tbl_values(vim.lsp.buf_get_clients(buf))
end

local function code(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

local function sorted_diagnostics(buf)
  local ds = vim.diagnostic.get(buf)
  table.sort(ds, function(a, b)
    if a.lnum ~= b.lnum then
      return a.lnum < b.lnum
    end
    return a.col < b.col
  end)
  return ds
end

local function request(buf, method, params)
  local results, err = vim.lsp.buf_request_sync(buf, method, params, 10000)
  if not results then
    return nil, err
  end
  for _, r in pairs(results) do
    return r.result, r.error
  end
end

-- The server as a user sets it up: the plugin file of the README.
vim.g.tigang_cmd = { bin, 'lsp' }
vim.g.tigang_options = { lang = 'en' }
dofile(root .. '/editors/nvim/tigang.lua')
vim.cmd('filetype on')

--- Opens `path`, waits for the client and its first diagnostics, and
--- compares them with `tigang check --format json` of the same file.
local function diagnostics_match(path, expected_json)
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  local name = vim.fn.fnamemodify(path, ':t')
  check(vim.bo[buf].filetype == 'text', name .. ': filetype text', vim.bo[buf].filetype)
  check(vim.wait(10000, function()
    return #clients(buf) > 0
  end, 20), name .. ': the tigang client attaches')
  local want = read_json(expected_json)[1].diagnostics
  check(vim.wait(10000, function()
    return #vim.diagnostic.get(buf) == #want
  end, 20), name .. ': publishDiagnostics gives ' .. #want .. ' diagnostics',
    tostring(#vim.diagnostic.get(buf)))
  local got = sorted_diagnostics(buf)
  local severity = { error = vim.diagnostic.severity.ERROR, warning = vim.diagnostic.severity.WARN,
    info = vim.diagnostic.severity.INFO }
  for i, w in ipairs(want) do
    local g = got[i] or {}
    local line = vim.api.nvim_buf_get_lines(buf, w.line - 1, w.line, false)[1] or ''
    -- tigang's column counts characters; Neovim's col is a byte index.
    local col = vim.str_byteindex(line, w.column - 1)
    -- The server puts the help line under the message.
    local message = w.message
    if w.help and w.help ~= vim.NIL then
      message = message .. '\n' .. w.help
    end
    local same = g.lnum == w.line - 1 and g.col == col and code(g) == w.code
      and g.message == message and g.severity == severity[w.severity] and g.source == 'tigang'
    check(same, string.format('%s: %s at %d:%d', name, w.code, w.line, w.column),
      vim.inspect({ lnum = g.lnum, col = g.col, code = code(g), message = g.message }))
  end
  return buf
end

--- The symbol tree as indented names.
local function names(symbols, depth, out)
  for _, s in ipairs(symbols or {}) do
    table.insert(out, string.rep('  ', depth) .. s.name)
    names(s.children, depth + 1, out)
  end
  return out
end

--- The outline of `tigang parse --format json`, as the server names it.
local function outline(parsed)
  local out = {}
  if parsed.title ~= vim.NIL and parsed.title then
    table.insert(out, parsed.title)
  end
  local function walk(children, depth)
    for _, h in ipairs(children or {}) do
      table.insert(out, string.rep('  ', depth) .. h.marker .. h.title)
      walk(h.children, depth + 1)
    end
  end
  walk(parsed.children, 0)
  return out
end

local ok, err = pcall(function()
  -- 1. The fixture of numbering mistakes.
  local path = root .. '/tests/fixtures/numbering_mistakes.txt'
  local buf = diagnostics_match(path, tmp .. '/check.json')

  local doc = { textDocument = vim.lsp.util.make_text_document_params(buf) }
  local symbols = request(buf, 'textDocument/documentSymbol', doc)
  local got = names(symbols, 0, {})
  local want = outline(read_json(tmp .. '/parse.json'))
  check(vim.deep_equal(got, want), 'documentSymbol is the outline tree (' .. #want .. ' symbols)',
    table.concat(got, '\n'))
  check(got[2] == '一、反馈问题整改进展' and got[3] == '  （一）城区黑臭水体治理问题',
    'documentSymbol nests （一） under 一、', vim.inspect({ got[2], got[3] }))

  local folds = request(buf, 'textDocument/foldingRange', doc) or {}
  check(#folds > 0 and folds[1].startLine == 2 and folds[1].collapsedText == '一、反馈问题整改进展',
    'foldingRange folds 一、 from its line', vim.inspect(folds[1]))

  -- Renumber the series of （八）: a code action, applied by Neovim.
  local skip
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if code(d) == 'numbering-skip' and d.message:find('（八）', 1, true) then
      skip = d
    end
  end
  check(skip ~= nil, 'the （八） skip is reported')
  local range = { start = { line = skip.lnum, character = 0 }, ['end'] = { line = skip.lnum, character = 0 } }
  local actions = request(buf, 'textDocument/codeAction',
    { textDocument = doc.textDocument, range = range, context = { diagnostics = {} } }) or {}
  local series
  for _, a in ipairs(actions) do
    if a.title:find('^Renumber this series') then
      series = a
    end
  end
  check(series ~= nil and series.isPreferred == true, 'codeAction offers "Renumber this series"',
    vim.inspect(vim.tbl_map(function(a) return a.title end, actions)))
  vim.lsp.util.apply_workspace_edit(series.edit, 'utf-16')
  local fixed = vim.fn.readfile(tmp .. '/fmt.txt')
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  check(vim.deep_equal({ unpack(lines, 4, 11) }, { unpack(fixed, 4, 11) }),
    'the series reads as tigang fmt writes it', table.concat({ unpack(lines, 4, 11) }, '\n'))
  -- The change reaches the server, which checks the text again.
  check(vim.wait(10000, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.lnum < 11 then
        return false
      end
    end
    return true
  end, 20), 'after the edit, diagnostics of 一、 are gone')

  -- Formatting is tigang fmt.
  if vim.lsp.buf.format then
    vim.lsp.buf.format({ timeout_ms = 10000 })
  else
    vim.lsp.buf.formatting_sync(nil, 10000)
  end
  lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  check(vim.deep_equal(lines, fixed), 'formatting gives tigang fmt\'s text')
  vim.cmd('bwipeout!')

  -- 2. Characters outside the BMP (UTF-16 surrogate pairs) before markers.
  diagnostics_match(tmp .. '/astral.txt', tmp .. '/astral.json')
  local abuf = vim.api.nvim_get_current_buf()
  local asyms = request(abuf, 'textDocument/documentSymbol',
    { textDocument = vim.lsp.util.make_text_document_params(abuf) })
  local first = asyms and asyms[1] or {}
  local line0 = vim.api.nvim_buf_get_lines(abuf, 0, 1, false)[1]
  check(first.name == line0, 'a symbol named with 𠀀', vim.inspect(first.name))
  -- The title ends at the end of the line: its length in UTF-16 units.
  local units = select(2, vim.str_utfindex(line0))
  check(first.selectionRange and first.selectionRange['end'].character == units,
    'its selection range counts UTF-16 units (' .. units .. ')', vim.inspect(first.selectionRange))
end)
check(ok, 'the test ran to its end', tostring(err))
finish()
