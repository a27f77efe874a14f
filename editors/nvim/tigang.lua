-- tigang (提纲) in Neovim: the outline and the numbering checks of Chinese
-- documents, from `tigang lsp`, in text and Markdown buffers.
--
-- Install: copy this file to ~/.config/nvim/plugin/tigang.lua (or
-- `dofile('/path/to/tigang/editors/nvim/tigang.lua')` in init.lua), with
-- `tigang` on PATH (`cargo install --path .`). Works on Neovim 0.7 and later.
--
-- Options, set before this file runs:
--   vim.g.tigang_cmd       = { 'tigang', 'lsp' }        -- the command
--   vim.g.tigang_filetypes = { 'text', 'markdown' }     -- where to start it
--   vim.g.tigang_options   = { lang = 'zh', style = 'gbt9704', debounceMs = 30 }
--
-- Then: diagnostics as you type (:lua vim.diagnostic.setloclist()), the
-- outline (:lua vim.lsp.buf.document_symbol()), fixes
-- (:lua vim.lsp.buf.code_action()), and formatting = `tigang fmt`
-- (:lua vim.lsp.buf.format() on 0.8+, vim.lsp.buf.formatting() on 0.7).

local M = {}

-- 0.7 has no vim.lsp.start: one client per folder, kept here.
local clients = {}

local function config(buf)
  local name = vim.api.nvim_buf_get_name(buf)
  return {
    name = 'tigang',
    cmd = vim.g.tigang_cmd or { 'tigang', 'lsp' },
    root_dir = name ~= '' and vim.fn.fnamemodify(name, ':p:h') or vim.fn.getcwd(),
    init_options = vim.g.tigang_options or vim.empty_dict(),
  }
end

--- Starts tigang's server for buffer `buf` (or reuses the one for its folder)
--- and attaches it.
function M.attach(buf)
  local cfg = config(buf)
  if vim.lsp.start then
    -- Neovim 0.8+: reuses a running client with the same name and root.
    vim.api.nvim_buf_call(buf, function()
      vim.lsp.start(cfg, { bufnr = buf })
    end)
    return
  end
  local id = clients[cfg.root_dir]
  if not id or vim.lsp.client_is_stopped(id) then
    id = vim.lsp.start_client(cfg)
    clients[cfg.root_dir] = id
  end
  if id then
    vim.lsp.buf_attach_client(buf, id)
  end
end

vim.api.nvim_create_autocmd('FileType', {
  pattern = vim.g.tigang_filetypes or { 'text', 'markdown' },
  desc = 'tigang lsp: outline and numbering checks',
  callback = function(args)
    M.attach(args.buf)
  end,
})

return M
