# loa — site para leitores, português.

## Site frame

site-name = Loa — Notícias do Vietname
site-tagline = A atualidade do Vietname, na sua língua
skip-to-content = Saltar para o conteúdo principal
nav-label = Secções
nav-home = Página inicial
language-switcher-label = Ler esta página noutra língua
footer-text = A Loa republica reportagens de jornais vietnamitas e liga cada notícia à respetiva fonte. As traduções automáticas estão assinaladas e podem conter erros.
meta-description-home = As últimas notícias do Vietname, traduzidas para a sua língua.

## Sections

category-news = Notícias
category-political-system = Sistema político
category-local = Províncias
category-heritage = Património
category-figures = Personalidades
category-business = Economia
category-product = Produtos
category-travel = Viagens
category-video = Vídeo

## Front page and lists

home-latest = Últimas notícias
home-empty = Ainda não foi publicada nenhuma notícia nesta língua.
list-empty = Esta secção ainda não tem notícias.
author-heading = Notícias de { $author }
pagination-label = Paginação
pagination-previous = Página anterior
pagination-next = Página seguinte
pagination-page-of = Página { $page } de { $pages }

## Article page

article-published = Publicado
article-updated = Atualizado
article-places = Locais
article-by = Por { $author }
article-source = Fonte: { $outlet }
article-machine-translation = Esta notícia foi traduzida automaticamente.
article-original-language = Língua original: { $language }
comments-heading = { $count ->
    [one] { $count } comentário
   *[other] { $count } comentários
}
comments-empty = Ainda não há comentários. Seja o primeiro a dar a sua opinião.
comment-form-heading = Deixe um comentário
comment-form-name = O seu nome
comment-form-body = O seu comentário
comment-form-hint = Os comentários são publicados depois de lidos por um moderador. No máximo, { $max } caracteres.
comment-form-submit = Enviar o comentário
comment-form-trap = Deixe este campo vazio.
comment-form-thanks = Obrigado. O seu comentário será publicado depois de lido por um moderador.
comment-form-invalid = Indique o seu nome e escreva um comentário com { $max } caracteres no máximo.
comment-form-throttled = Enviou vários comentários em pouco tempo. Aguarde alguns minutos, por favor.
related-same-topic = Sobre o mesmo tema
related-same-topic-empty = Ainda não há outras notícias sobre este tema.
related-same-category = Mais nesta secção
related-same-category-empty = Ainda não há outras notícias nesta secção.
related-same-author = Mais deste autor
related-same-author-empty = Ainda não há outras notícias deste autor.
videos-heading = Vídeos
videos-empty = Não há vídeos disponíveis.
video-link = Ver o vídeo: { $title }
video-play = Reproduzir: { $title }
video-loads-from = Ao reproduzir, o vídeo é carregado de { $host }.
video-back = Voltar à notícia
article-unavailable = Esta notícia não está disponível nesta língua.
article-available-in = Pode lê-la em:

## Search

search-label = Pesquisar no site
search-placeholder = Nomes, lugares, temas…
search-button = Pesquisar
search-heading = Pesquisa
search-results = { $count ->
    [one] { $count } notícia encontrada
   *[other] { $count } notícias encontradas
}
search-no-results = Nenhuma notícia corresponde à sua pesquisa. Experimente menos palavras ou palavras diferentes.
search-prompt = Escreva um nome, um lugar ou um tema para pesquisar em todas as notícias.
search-refine = Refinar os resultados
search-facet-category = Secção
search-facet-lang = Idioma
search-facet-author = Autor
search-facet-place = Local
search-sort-label = Ordem
search-sort-relevance = Mais relevantes
search-sort-date = Mais recentes primeiro
search-all-languages = Todos os idiomas
search-dates-label = Publicado entre
search-date-from = De
search-date-to = Até
search-active-filters = Filtros ativos
search-remove-filter = Remover filtro: { $filter }
search-clear-filters = Remover todos os filtros
search-bad-date = Não foi possível ler a data; escolha-a no calendário ou escreva-a como ano-mês-dia.

## Errors

not-found-title = Página não encontrada
not-found-body = A página que procura não existe ou mudou de endereço.
not-found-home = Ir para a página inicial
error-title = Ocorreu um erro
error-body = Não foi possível mostrar a página. Tente novamente daqui a pouco.
rate-limited-title = Demasiados pedidos
rate-limited-body = Enviou muitos pedidos num curto espaço de tempo. Aguarde um minuto e tente novamente.

## Dates

date-format = { $day } de { $month } de { $year }
month-1 = janeiro
month-2 = fevereiro
month-3 = março
month-4 = abril
month-5 = maio
month-6 = junho
month-7 = julho
month-8 = agosto
month-9 = setembro
month-10 = outubro
month-11 = novembro
month-12 = dezembro

## Language names

language-vi = vietnamita
language-en = inglês
language-ru = russo
language-uk = ucraniano
language-be = bielorrusso
language-es = espanhol
language-fr = francês
language-ca = catalão
language-pt = português
language-it = italiano
language-gl = galego
language-ro = romeno
language-de = alemão
language-zh = chinês
language-ja = japonês
language-ko = coreano
language-id = indonésio

## The newsroom: pages for editors, translators and moderators.

newsroom-title = Redação
newsroom-sign-in-heading = Entrar na redação
newsroom-username = Nome de utilizador
newsroom-password = Palavra-passe
newsroom-sign-in = Iniciar sessão
newsroom-sign-out = Terminar sessão
newsroom-sign-in-failed = O nome de utilizador ou a palavra-passe estão incorretos.
newsroom-sign-in-throttled = Demasiadas tentativas falhadas. Tente novamente daqui a alguns minutos.
newsroom-signed-in-as = Sessão iniciada como { $name } ({ $role })
newsroom-role-editor = responsável pela edição
newsroom-role-translator = tradutor
newsroom-role-moderator = moderador
newsroom-forbidden = A sua função não permite esta ação.
newsroom-review-heading = Traduções a aguardar revisão
newsroom-review-empty = Nenhuma tradução está a aguardar revisão.
newsroom-review-open = Ler e decidir
newsroom-held-because = Motivos da retenção:
newsroom-status-machine-translated = a aguardar revisão
newsroom-status-failed = marcada como falhada
newsroom-status-reviewed = revista
newsroom-status-published = publicada
newsroom-segment-source = Texto original ({ $language })
newsroom-segment-translation = Tradução ({ $language })
newsroom-segment-label = Segmento { $number }
newsroom-save-corrections = Guardar as correções
newsroom-corrected = { $count ->
    [0] Nenhum segmento foi alterado.
    [one] Foi corrigido e memorizado um segmento.
   *[other] Foram corrigidos e memorizados { $count } segmentos.
}
newsroom-publish = Publicar
newsroom-withdraw = Retirar
newsroom-decided = A versão em { $language } está agora { $status }.
newsroom-history-heading = Histórico
newsroom-history-empty = Ninguém decidiu ainda sobre esta versão.
newsroom-action-published = Publicada por { $name }.
newsroom-action-withdrawn = Retirada por { $name }.
newsroom-action-corrected = { $count ->
    [one] { $name } corrigiu um segmento.
   *[other] { $name } corrigiu { $count } segmentos.
}
newsroom-actor-command-line = a linha de comandos do servidor
newsroom-comments-heading = Comentários a aguardar moderação
newsroom-comments-empty = Nenhum comentário está a aguardar moderação.
newsroom-comment-on = Sobre «{ $title }» ({ $language })
newsroom-approve = Aprovar
newsroom-reject = Rejeitar
newsroom-comment-decided = O comentário foi { $decision ->
    [approved] aprovado
   *[rejected] rejeitado
}.
newsroom-decision-not-allowed = Esta decisão não é possível para esta versão no estado atual.
form-refused = Este formulário foi enviado a partir de outro site, por isso não foi aceite.

## Why a translation is held: the checks' findings.

problem-empty = A tradução está vazia: o motor de tradução não devolveu nenhum texto.
problem-identical = A tradução é idêntica ao texto original: o texto não foi traduzido.
problem-missing-numbers = Há números do texto original em falta ou alterados: { $numbers }.
problem-missing-terms = Há nomes ou termos do glossário em falta: { $terms }.
problem-wrong-language = A tradução parece estar escrita em { $detected }, e não em { $expected }.
problem-unrecognised-language = Não é possível confirmar que a tradução está em { $expected }.
problem-length-ratio = A tradução tem { $ratio } vezes o comprimento do texto original, fora do intervalo de { $min } a { $max }: pode faltar texto ou haver repetições.
problem-unknown-words = { $count ->
    [one] { $count } palavra ficou por traduzir; o máximo admitido aqui é { $limit }.
   *[other] { $count } palavras ficaram por traduzir; o máximo admitido aqui é { $limit }.
}
problem-generation-errors = { $count ->
    [one] Não foi possível gerar { $count } forma de palavra; o máximo admitido aqui é { $limit }.
   *[other] Não foi possível gerar { $count } formas de palavra; o máximo admitido aqui é { $limit }.
}
problem-title-empty = O título traduzido está vazio.
problem-engine = Erro do motor de tradução: { $detail }

## Feeds (Atom): their titles.

feed-title = Últimas notícias de { $site }
feed-title-category = { $category } em { $site }
feed-title-author = { $author } em { $site }
feed-title-place = { $place } em { $site }

## The API's documentation page (/api/docs)

api-docs-title = A API JSON
api-docs-intro = Todas as leituras públicas deste site em JSON, descritas por um documento OpenAPI que os programas podem ler.
api-docs-document = O documento OpenAPI
api-docs-parameter = Parâmetro
api-docs-where = Onde
api-docs-meaning = Significado
api-docs-in-path = caminho
api-docs-in-query = consulta
api-docs-answers = Respostas:

## A member's account page: API keys

account-title = A sua conta
account-keys-heading = Chaves de API
account-no-keys = Ainda não tem nenhuma chave de API.
account-key-name = Nome da nova chave
account-create-key = Criar uma chave
account-key-created = Copie esta chave agora: só é mostrada uma vez. Os programas enviam-na como Authorization: Bearer seguido da chave.
account-revoke = Revogar
account-key-revoked = A chave foi revogada: já não abre nada.
account-key-revoked-label = revogada
account-key-made = criada em { $date }
account-key-used = último uso em { $date }
account-key-never-used = nunca usada
account-key-name-bad = Dê à chave um nome com 80 caracteres no máximo.

## Newsroom: sources
sources-title = Fontes
sources-add-heading = Seguir uma fonte
sources-add-label = Endereço de um feed, de um mapa do site ou de uma página que indique um
sources-add-hint = RSS, Atom, JSON Feed ou mapa do site; também serve uma página inicial que declare o seu feed.
sources-add-submit = Seguir
sources-empty = Ainda não há fontes.
sources-caption = Fontes que o loa segue
sources-col-outlet = Meio e endereço
sources-col-state = Estado
sources-col-last-fetch = Última recolha
sources-col-error = Último erro
sources-col-robots = Regras do robots.txt
sources-col-articles = Notícias
sources-col-actions = Ações
sources-kind-feed = feed
sources-kind-sitemap = mapa do site
sources-active = A seguir
sources-paused = Em pausa
sources-never = Nunca
sources-failures-in-a-row = ({ $count } seguidos)
sources-robots-allowed = Permitido
sources-robots-refused = Recusado
sources-robots-unknown = Ainda não lido
sources-pause = Pausar
sources-resume = Retomar
sources-remove = Remover
sources-notice-added = Fonte seguida; a primeira consulta está feita.
sources-notice-paused = Fonte em pausa: não é consultada até ser retomada.
sources-notice-resumed = A fonte volta a ser seguida.
sources-notice-removed = Fonte removida; as suas notícias ficam.
sources-cannot-follow-here = Este nó não pode seguir fontes novas.
sources-error-not-an-address = Não é um endereço web (http ou https).
sources-error-not-a-feed = Esse endereço não é um feed nem um mapa do site, e a página não indica nenhum. Nada foi adicionado.
sources-error-unreachable = Não foi possível obter o endereço: { $reason }
sources-error-failed = Não foi possível guardar a fonte. Tente de novo; a falha fica registada.
sources-error-action = Essa ação não existe para uma fonte.

## Newsroom: audit log
audit-title = Registo de decisões
audit-filter-member = Membro
audit-filter-action = Decisão
audit-filter-lang = Língua
audit-filter-any = Qualquer
audit-filter-submit = Filtrar
audit-empty = Nenhuma decisão corresponde.
audit-caption = Decisões da redação, as mais recentes primeiro
audit-col-when = Quando
audit-col-who = Quem
audit-col-what = Decisão
audit-col-story = Notícia ou fonte
audit-col-change = O que mudou
audit-kind-published = Publicada
audit-kind-withdrawn = Retirada
audit-kind-corrected = Corrigida
audit-kind-approved = Comentário aprovado
audit-kind-rejected = Comentário rejeitado
audit-comment-pending = a aguardar moderação
audit-comment-visible = visível
audit-comment-rejected = rejeitado
audit-segments = { $count ->
    [one] { $count } segmento corrigido
   *[other] { $count } segmentos corrigidos
}
audit-older = Decisões anteriores

## Newsroom: account access
account-notice-password-changed = Palavra-passe alterada; a sessão foi terminada nos outros navegadores.
account-notice-sessions-ended = A sessão foi terminada nos outros navegadores.
account-sessions-heading = Onde tem sessão iniciada
account-session = Sessão iniciada a { $since }, válida até { $until }
account-session-this = este navegador
account-end-other-sessions = Terminar a sessão nos outros locais
account-password-heading = Alterar a palavra-passe
account-password-current = Palavra-passe atual
account-password-new = Nova palavra-passe (pelo menos { $min } caracteres)
account-password-repeat = Repita a nova palavra-passe
account-password-submit = Alterar palavra-passe
account-password-short = A nova palavra-passe deve ter pelo menos { $min } caracteres.
account-password-mismatch = As duas novas palavras-passe diferem.
account-password-wrong = A palavra-passe atual não está certa. Nada foi alterado.

## Newsroom: a story
story-title = Notícia
story-saved = Secção, lugares e temas guardados; todas as edições acompanham.
story-editions = Edições
story-original = o original
story-tags-heading = Secção, lugares e temas
story-category = Secção
story-places = Lugares (um por linha)
story-topics = Temas (um por linha)
story-tags-hint = As alterações chegam a todas as edições, à pesquisa e aos feeds.
story-save = Guardar
story-error-category = Escolha uma das secções.
story-error-tags = No máximo { $max } lugares e { $max } temas, cada um até { $chars } caracteres. Nada foi alterado.
audit-kind-retagged = Reclassificada
newsroom-action-retagged = Reclassificada por { $name }.

## Story workflow: states, the schedule and embargoes

date-time-format = { $date }, às { $time } UTC
story-workflow-heading = Fluxo de publicação
story-state-now = Estado: { $state }
story-state-draft = Rascunho
story-state-in_review = Em revisão
story-state-scheduled = Agendada
story-state-published = Publicada
story-state-withdrawn = Retirada
story-publishes-at = Publicação em { $time }
story-embargo-until = Sob embargo até { $time }
story-publish-at-label = Publicar em (UTC)
story-embargo-label = Embargo até (UTC)
story-workflow-hint = Os leitores só veem uma notícia enquanto ela está publicada. As horas são UTC. Ninguém pode publicar uma notícia antes do fim do embargo.
story-step-draft = Guardar como rascunho
story-step-review = Enviar para revisão
story-step-publish = Publicar agora
story-step-schedule = Agendar
story-step-withdraw = Retirar
story-workflow-saved = O estado da notícia foi guardado; leitores, pesquisa e feeds acompanham.
story-error-time = Não foi possível ler uma hora; use o calendário ou a forma ano-mês-dia horas:minutos.
story-error-no-time = Escolha quando publicar a notícia antes de a agendar.
story-error-past = A hora { $time } já passou; escolha uma posterior. Nada foi alterado.
story-error-embargoed = A notícia está sob embargo até { $time }; agende-a para essa hora ou mais tarde. Nada foi alterado.
story-error-before-embargo = A hora agendada é anterior ao fim do embargo, { $time }. Nada foi alterado.
story-error-step = Esse passo não está disponível para a notícia no estado atual. Nada foi alterado.
audit-kind-workflow = Fluxo de publicação
audit-actor-schedule = o agendamento
schedule-title = Notícias ainda não públicas
schedule-empty = Todas as notícias estão publicadas: nenhuma em rascunho, em revisão, agendada ou retirada.
schedule-col-story = Notícia
schedule-col-publish-at = Publicação em
schedule-col-embargo = Embargo até
audit-kind-source_followed = Fonte seguida
audit-kind-source_paused = Fonte em pausa
audit-kind-source_resumed = Fonte retomada
audit-kind-source_removed = Fonte removida
audit-embargo = embargo até { $time }
