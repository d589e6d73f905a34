-- Test driver, run by test/e2e/nvim.js:
--   KEXEC_E2E_JOB=job.json nvim --headless --clean -u NONE -c 'luafile lsp.lua'
-- job.json: { init = path of init.lua, server_cmd = {...}, out = path,
--             files = { { path, expected = N diagnostics, hover = { line, character } or null } } }
-- Loads init.lua (the set-up users copy), opens each layout, waits for the server's diagnostics,
-- asks for a hover where the job says, and writes what it saw as JSON to job.out.
local job = vim.fn.json_decode(table.concat(vim.fn.readfile(os.getenv('KEXEC_E2E_JOB')), '\n'))
local results = { files = {}, errors = {} }

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(results) }, job.out)
  vim.cmd('qa!')
end

local ok, err = xpcall(function()
  vim.g.kexec_layout_server_cmd = job.server_cmd
  dofile(job.init)

  -- Which documents the server has published diagnostics for (an empty list counts too).
  local published = {}
  local default_handler = vim.lsp.handlers['textDocument/publishDiagnostics']
  vim.lsp.handlers['textDocument/publishDiagnostics'] = function(e, result, ctx, config)
    published[result.uri] = (published[result.uri] or 0) + 1
    return default_handler(e, result, ctx, config)
  end

  for _, file in ipairs(job.files) do
    vim.cmd('edit ' .. vim.fn.fnameescape(file.path))
    local bufnr = vim.api.nvim_get_current_buf()
    local uri = vim.uri_from_bufnr(bufnr)
    local entry = { path = file.path, filetype = vim.bo[bufnr].filetype, diagnostics = {} }
    entry.attached = vim.wait(10000, function() return #vim.lsp.buf_get_clients(bufnr) > 0 end, 20)
    -- The server's first publication, then at most 3 s for the count the CLI predicts.
    entry.published = vim.wait(15000, function() return (published[uri] or 0) > 0 end, 20)
    vim.wait(3000, function() return #vim.diagnostic.get(bufnr) == file.expected end, 20)
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      table.insert(entry.diagnostics, { code = d.code, line = d.lnum, character = d.col, severity = d.severity, source = d.source, message = d.message })
    end
    if file.hover ~= vim.NIL and file.hover ~= nil then
      local params = { textDocument = { uri = uri }, position = { line = file.hover.line, character = file.hover.character } }
      local res, herr = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, 10000)
      local texts = {}
      for _, r in pairs(res or {}) do
        if r.result and r.result.contents then
          vim.list_extend(texts, vim.lsp.util.convert_input_to_markdown_lines(r.result.contents))
        end
      end
      entry.hover = table.concat(texts, '\n')
      entry.hover_error = herr
    end
    table.insert(results.files, entry)
  end
  for _, client in pairs(vim.lsp.get_active_clients()) do client.stop() end
end, debug.traceback)
if not ok then table.insert(results.errors, err) end
finish()
