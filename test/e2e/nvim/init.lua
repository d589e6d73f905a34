-- Kexec Layout in Neovim (0.7 or later): the `kexec` filetype for *.kexec files, and the
-- kexec-layout language server over stdio for diagnostics, hover, completion, formatting and
-- code actions. Add this file to your config (for instance `dofile('/path/to/init.lua')` or copy
-- it into your init.lua).
--
-- The server command defaults to the package's `kexec-layout-server` binary on $PATH. To run a
-- checkout instead, set before loading this file:
--   vim.g.kexec_layout_server_cmd = { 'node', '/path/to/kexec-layout/dist/server/server.js', '--stdio' }
local cmd = vim.g.kexec_layout_server_cmd or { 'kexec-layout-server', '--stdio' }

local group = vim.api.nvim_create_augroup('kexec_layout', { clear = true })

vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
  group = group,
  pattern = '*.kexec',
  callback = function(args) vim.bo[args.buf].filetype = 'kexec' end,
})

local function on_attach(_, bufnr)
  local opts = { buffer = bufnr }
  vim.keymap.set('n', 'K', vim.lsp.buf.hover, opts)
  vim.keymap.set('n', '<leader>ca', vim.lsp.buf.code_action, opts)
  vim.bo[bufnr].omnifunc = 'v:lua.vim.lsp.omnifunc'
end

local client_id -- Neovim 0.7 has no vim.lsp.start: one client, attached to every layout buffer
vim.api.nvim_create_autocmd('FileType', {
  group = group,
  pattern = 'kexec',
  callback = function(args)
    -- diagnostics.outcome: the load's outcome as one Information diagnostic per file (off by default).
    local config = { name = 'kexec-layout', cmd = cmd, root_dir = vim.fn.getcwd(), on_attach = on_attach,
      settings = { kexecLayout = { diagnostics = { outcome = true } } },
      -- Neovim 0.7 neither offers workspace/configuration nor sends the settings by itself.
      on_init = function(client)
        client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
      end }
    if vim.lsp.start then -- 0.8 and later
      vim.lsp.start(config, { bufnr = args.buf })
      return
    end
    if not (client_id and vim.lsp.get_client_by_id(client_id)) then
      client_id = vim.lsp.start_client(config)
    end
    if client_id then vim.lsp.buf_attach_client(args.buf, client_id) end
  end,
})
