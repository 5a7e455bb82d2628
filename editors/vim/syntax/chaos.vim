" Vim syntax file for .chaos runbooks, from grammar/ChaosLexer.g4 and grammar/ChaosParser.g4
" (the TextMate grammar editors/chaos.tmLanguage.json is the fuller one). Contextual keywords
" (header attributes, section names, step options) are highlighted where they start a line or
" follow their section; after `.` and before `:` every word is a name.
if exists('b:current_syntax')
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

syn case match

" Comments; `#` is not one (the checker reports it).
syn keyword chaosTodo contained TODO FIXME XXX NOTE
syn match   chaosLineComment "//.*$" contains=chaosTodo,@Spell
syn region  chaosBlockComment start="/\*" end="\*/" contains=chaosTodo,@Spell
syn match   chaosHashComment "#.*$"

" Reserved words: never names.
syn keyword chaosDeclaration import fn action let
syn keyword chaosRunbook runbook
syn match   chaosDeclaration "\%(^\s*import\s\+\"[^\"]*\"\s\+\)\@<=as\>"
syn keyword chaosConditional if else
syn keyword chaosRepeat for in
syn keyword chaosStatement expect wait until every within record log fail
syn keyword chaosBoolean true false
syn keyword chaosOperatorWord and or not

" Contextual keywords, where the parser reads them as keywords.
syn match chaosAttribute "^\s*\zs\%(title\|objective\|environment\|blast_radius\|max_duration\|owner\|tags\|lock\|escalation_policy\)\>\ze\%(\s*\%([=.:(]\|!=\)\|\[\)\@!"
syn match chaosWindow "^\s*\zs\%(window\|schedule\)\>\ze\%(\s*\%([=.:(]\|!=\)\|\[\)\@!" nextgroup=chaosWindowLine
syn match chaosWindowLine ".*$" contained contains=chaosWindowWord,chaosTimeOfDay,chaosString
syn match chaosWindowWord "\<\%(to\|zone\)\>" contained
syn match chaosSection "^\s*\zs\%(precondition\|verify\|guard\|step\)\>\ze\s*\""
syn match chaosSection "^\s*\zsobserve\>\ze\s\+\h"
syn match chaosSection "^\s*\zs\%(rollback\)\>\ze\s*{"
syn match chaosSection "^\s*\zsrecovery\>\ze\s\+within\>"
syn match chaosSection "\<on\s\+abort\>\ze\s*{"
syn match chaosSection "\<undo\>\ze\s*{"
syn match chaosOptionWord "\<throughout\>\ze\s*{"
syn match chaosOptionWord "\<\%(timeout\|retry\|extend\)\>\ze\s\+\w"
syn match chaosOptionWord "\<irreversible\>\ze\s*\%({\|timeout\>\|retry\>\)"
syn match chaosLevel "\<\%(warn\|abort\)\s\+when\>"
syn match chaosEnvironment "^\s*environment\s\+\zs\%(dev\|staging\|prod\)\>"

" `runbook` and `abort` as values: `runbook.name`, `abort.reason`.
syn match chaosLanguageVar "\<\%(runbook\|abort\)\>\ze\s*\."

" Named arguments and record keys (`fraction:`), calls, driver namespaces, members.
syn match chaosNamedArg "\<\h\w*\ze\s*:[^:]"
syn match chaosDriver "\<\%(argo\|http\|k8s\|notify\|postgres\|prometheus\|redis\|shell\)\ze\s*\.\s*\h\w*\s*("
syn match chaosFunction "\<\h\w*\ze\s*("
syn match chaosMember "\.\s*\zs\h\w*"

" Types in `fn` signatures.
syn match chaosParamType ":\s*\zs\u\w*\%(\[[A-Za-z0-9_, \[\]]*\]\)\=" contains=chaosTypeName
syn match chaosTypeName "\<\u\w*\>" contained

" Numbers. At the same start the item defined last wins, so the longer readings come later:
" integers, floats, glued numbers (`10min`, an error), durations (`1m30s`), times, percentages.
syn match chaosNumber "\<\d\+\>"
syn match chaosNumber "\<\d\+\.\d\+\>"
syn match chaosInvalidNumber "\<\d\+\%(\.\d\+\)\=\a\w*"
syn match chaosDuration "\<\%(\d\+\%(\.\d\+\)\=\%(ms\|s\|m\|h\|d\)\)\+\>"
syn match chaosTimeOfDay "\<\d\+:\d\+\>"
syn match chaosPercent "\<\d\+\%(\.\d\+\)\=%"

" Operators; `&&`, `||` and `!` are other languages' spellings, reported by the checker.
syn match chaosOperator "==\|!=\|<=\|>=\|[<>=+*/-]"
syn match chaosForeignOperator "&&\|||\|!\ze[^=]"
syn match chaosArrow "->" nextgroup=chaosType skipwhite
syn match chaosType "\<\u\w*\%(\[[A-Za-z0-9_, \[\]]*\]\)\=" contained contains=chaosTypeName

" Strings with escapes and `${...}` interpolation (any expression, records included); a line
" break ends a string. Text blocks `"""...""" ` interpolate too, `$${` is a literal `${`.
syn region chaosTextBlock start=+"""+ end=+"""+ contains=chaosInterpolation,chaosTextEscape,@Spell
syn region chaosString start=+"\%(""\)\@!+ skip=+\\\\\|\\"+ end=+"\|$+ contains=chaosEscape,chaosBadEscape,chaosInterpolation,@Spell
syn match  chaosEscape "\\[\"\\nt$]" contained
syn match  chaosBadEscape "\\[^\"\\nt$]" contained
syn match  chaosTextEscape "\$\${" contained
syn region chaosInterpolation matchgroup=chaosInterpolationDelimiter start="\${" end="}" contained contains=TOP,chaosAttribute,chaosSection,chaosWindow
syn region chaosRecordBraces start="{" end="}" contained transparent contains=TOP

hi def link chaosTodo Todo
hi def link chaosLineComment Comment
hi def link chaosBlockComment Comment
hi def link chaosHashComment Error
hi def link chaosDeclaration Keyword
hi def link chaosRunbook Structure
hi def link chaosConditional Conditional
hi def link chaosRepeat Repeat
hi def link chaosStatement Statement
hi def link chaosBoolean Boolean
hi def link chaosOperatorWord Operator
hi def link chaosAttribute Keyword
hi def link chaosWindow Keyword
hi def link chaosWindowWord Keyword
hi def link chaosSection Structure
hi def link chaosOptionWord StorageClass
hi def link chaosLevel Statement
hi def link chaosEnvironment Constant
hi def link chaosLanguageVar Special
hi def link chaosNamedArg Identifier
hi def link chaosDriver Include
hi def link chaosFunction Function
hi def link chaosArrow Operator
hi def link chaosType Type
hi def link chaosTypeName Type
hi def link chaosInvalidNumber Error
hi def link chaosDuration Number
hi def link chaosPercent Number
hi def link chaosTimeOfDay Number
hi def link chaosNumber Number
hi def link chaosOperator Operator
hi def link chaosForeignOperator Error
hi def link chaosTextBlock String
hi def link chaosString String
hi def link chaosEscape SpecialChar
hi def link chaosBadEscape Error
hi def link chaosTextEscape SpecialChar
hi def link chaosInterpolationDelimiter Delimiter

let b:current_syntax = 'chaos'

let &cpo = s:cpo_save
unlet s:cpo_save
