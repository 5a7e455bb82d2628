" .chaos runbooks (the chaos tool: runbooks as code for chaos engineering).
autocmd BufRead,BufNewFile *.chaos setfiletype chaos
