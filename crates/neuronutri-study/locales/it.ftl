# I testi italiani del report di uno studio: gli stessi messaggi di en.ftl (vedi src/i18n.rs).

frame-source = Fonte: { $x }
frame-protocol = Protocollo: { $x }
frame-data = Dati: { $x1 } ({ $x2 }, { $n } { $n ->
    [one] riga
   *[other] righe
})
frame-groups = Gruppi: { $x }
frame-outside = Righe fuori dai gruppi: { $n }
frame-outside-html = righe fuori dai gruppi: { $n }
frame-methods = Metodi
frame-made-by = Generato da { $x }.
frame-r-code = Codice R
frame-r-code-intro = Le stesse analisi in R (scritte anche nel file analysis.R):
frame-footer-html = Generato da { $x }. Ogni numero di questa pagina è in report.json accanto a essa.

## Valori predefiniti del protocollo

default-title = Report dello studio
default-table-characteristics = Tabella { $n }. Caratteristiche
default-table-comparison = Tabella { $n }. Confronto tra gruppi
default-table-correlations = Tabella { $n }. Correlazioni
default-table-regression = Tabella { $n }. Regressione
default-table-paired = Tabella { $n }. Confronto appaiato
default-table-survival = Tabella { $n }. Sopravvivenza

## Intestazioni

hdr-variable = Variabile
hdr-variables = Variabili
hdr-test = Test
hdr-statistic = Statistica
hdr-p = p
hdr-n = n
hdr-effect-size = Dimensione dell'effetto
hdr-effect-size-ci = Dimensione dell'effetto (IC { $n }%)
hdr-smd = SMD
hdr-pairs = Coppie
hdr-comparison = Confronto
hdr-difference = Differenza
hdr-ci = IC { $n }%
hdr-ci-tight = IC { $n }%
hdr-p-adjusted = p (corretto)
hdr-q-bh = q (BH)
hdr-p-method = Metodo di p
hdr-predictor = Predittore
hdr-b = b
hdr-se = ES
hdr-se-hc3 = ES (HC3)
hdr-beta = β
hdr-beta-ci = IC { $n }% di β
hdr-t = t
hdr-z = z
hdr-sr2 = sr² (%)
hdr-lmg = LMG (%)
hdr-vif = VIF
hdr-or = OR
hdr-or-ci-wald = IC { $n }% di OR (Wald)
hdr-or-ci-profile = IC { $n }% di OR (verosimiglianza profilo)
hdr-hr = HR
hdr-hr-ci = IC { $n }% di HR
hdr-group = Gruppo
hdr-events = Eventi
hdr-median-survival = Sopravvivenza mediana (IC { $n }%)
hdr-median-survival-unit = Sopravvivenza mediana, { $u } (IC { $n }%)
hdr-observed = Osservati
hdr-expected = Attesi
hdr-oe = (O − E)²/V
hdr-time = Tempo
hdr-time-unit = Tempo, { $u }
hdr-at-risk = A rischio
hdr-survival = Sopravvivenza, % (IC { $n }%)
hdr-term = Termine
hdr-chi2 = χ²
hdr-df = gdl
hdr-rho = ρ
hdr-r = r
hdr-global = Globale
hdr-intercept = (Intercetta)
hdr-group-n = { $u } (n = { $n })
hdr-group-n-msd = { $u } (n = { $n }), media ± DS
hdr-group-median = { $u }, mediana [IQR]
hdr-change = Variazione, { $u1 } − { $u2 } (IC { $n }%)

## Etichette di riga e celle

row-msd = { $u }, media ± DS
row-median = { $u }, mediana [IQR]
row-n-pct = { $u }, n (%)
row-missing = Mancanti
term-level = { $u1 }: { $u2 }
term-interaction = { $t1 } × { $t2 }
pair-vs = { $u1 } vs { $u2 }
pair-corr = { $u1 } ↔ { $u2 }
cell-df1 = { $n1 } (gdl { $n2 })
cell-df2 = { $n1 } (gdl { $n2 }; { $n3 })
cell-t-df = t = { $n1 } (gdl { $n2 })
cell-q = q = { $n }
cell-z = z = { $n }
cell-effect = { $t } = { $n }
cell-effect-ci = { $t } = { $n1 } [{ $n2 }; { $n3 }]
cell-effect-ci-inf = { $t } = { $n1 } [{ $n2 }; ∞]
cell-effect-inf = { $t } = ∞
cell-effect-inf-ci-inf = { $t } = ∞ [{ $n }; ∞]
test-mann-whitney = test di Mann–Whitney
test-welch = test t di Welch
test-student = test t di Student
test-chi2 = chi quadrato
test-fisher = test esatto di Fisher
test-anova = ANOVA a una via
test-welch-anova = ANOVA di Welch
test-kruskal = test di Kruskal–Wallis
test-ffh = test di Fisher–Freeman–Halton
test-mcnemar = test di McNemar
test-paired-t = test t per dati appaiati
test-wilcoxon = test di Wilcoxon dei ranghi con segno
effect-rank-biserial = r rango-biseriale
effect-hedges = g di Hedges
effect-dz = d_z
effect-eta2 = η²
effect-eta2-welch = η² (Welch)
effect-or = odds ratio (MLE condizionale)
effect-cramers-v = V di Cramér
effect-cohens-g = g di Cohen
effect-rank-epsilon = ε² dei ranghi
pmethod-exact = esatto
pmethod-asymptotic = asintotico
pmethod-t-approximation = approssimazione t
pmethod-t = t

## Note sotto le tabelle

note-within = Righe del gruppo { $u }.
note-rows-all = Righe: l'intera coorte ({ $n } righe).
note-rows-groups = Righe dei gruppi { $x } ({ $n } righe).
note-corr-complete = { $u1 } ↔ { $u2 }: n = { $n1 } di { $n2 } righe; righe con un valore mancante escluse: { $n3 }.
note-missing-row = Mancanti: righe del gruppo senza valore, n (% delle righe del gruppo); la riga compare sotto una variabile solo quando ha valori mancanti (come missing = "ifany" di gtsummary).
note-missing-numeric = { $u }: valori mancanti per gruppo { $n }
note-missing-categorical = { $u }: valori mancanti per gruppo { $n }
note-no-test = { $u }: nessun test: { $t }
reason-group-empty = il gruppo { $u } non ha valori
reason-one-category = compare una sola categoria, non c'è nulla da confrontare
reason-one-group = un solo gruppo ha valori, non c'è nulla da confrontare
note-box-sample = Box plot di { $u1 }, { $u2 }: disegnato come punto 1 valore su { $n1 } dei { $n2 } (il box usa tutti i valori)
note-scatter-sample = Grafico di dispersione di { $u1 } e { $u2 }: disegnata 1 coppia su { $n1 } delle { $n2 } (la retta usa tutte le coppie)
note-no-figure = Nessuna figura { $x1 }: { $x2 }
note-no-posthoc = { $u }: nessun confronto a coppie: { $t }
note-corr-error = { $u1 } ↔ { $u2 }: { $x }
note-paired-no-id = Righe senza identificativo del soggetto (colonna { $x }) escluse: { $n }.
note-paired-single = Soggetti con una riga in una sola delle due occasioni esclusi: { $n }.
note-paired-zero = { $u }: coppie senza variazione escluse dal test dei ranghi con segno: { $n }
note-paired-incomplete = { $u }: coppie con un valore mancante escluse: { $n1 } su { $n2 }
note-tukey = Tukey HSD (Tukey–Kramer per gruppi di numerosità diversa): differenza delle medie con il suo IC { $n }% simultaneo; q è la statistica del range studentizzato e p è corretto tramite la sua distribuzione.
note-games-howell = Games–Howell: differenza delle medie con il suo IC { $n }% (± il quantile del range studentizzato / √2 × ES, gdl di Welch della coppia), t e gdl di Welch per ogni coppia; p dal range studentizzato con il numero di gruppi della tabella (varianze diverse).
note-dunn = Dunn: differenza dei ranghi medi (ranghi congiunti, come nel Kruskal–Wallis), z con la correzione per i ties; p corretto con il metodo di Holm su tutte le coppie.
title-posthoc = { $u }: confronti a coppie
fig-pair = { $u1 } e { $u2 }
fig-corr-lt = { $x } = { $n1 }; p < { $n2 }; n = { $n3 }
fig-corr-eq = { $x } = { $n1 }; p = { $n2 }; n = { $n3 }
fig-n = n = { $n }
fig-survival = Probabilità di sopravvivenza
fig-at-risk = Numero a rischio

## Regressione

note-coding-lm = Predittori categoriali in codifica treatment (dummy), come lm e glm di R: ogni colonna vale 1 per il suo livello e 0 altrimenti, quindi ogni riga confronta un livello con quello di riferimento: { $t }.
note-coding-lm-interactions = Predittori categoriali in codifica treatment (dummy), come lm e glm di R: ogni colonna vale 1 per il suo livello e 0 altrimenti, quindi ogni riga confronta un livello con quello di riferimento: { $t }. Le righe con × sono interazioni (il prodotto delle colonne): la variazione del coefficiente di una variabile per un'unità (o il livello) dell'altra.
note-interactions = Le righe con × sono interazioni (il prodotto delle colonne): la variazione del coefficiente di una variabile per un'unità (o il livello) dell'altra.
coding-part-columns = { $u1 } (riferimento { $u2 }): { $x }
coding-part = { $u1 } (riferimento { $u2 })
list-semicolon = { $t1 }; { $t2 }
note-ols-fit = Esito: { $u }. n = { $n1 }; R² = { $n2 }, R² corretto = { $n3 }, F({ $n4 }; { $n5 }) = { $n6 }, p { $n7 }.
note-ols-fit-dropped = Esito: { $u }. n = { $n1 } (righe con un valore mancante escluse: { $n8 }); R² = { $n2 }, R² corretto = { $n3 }, F({ $n4 }; { $n5 }) = { $n6 }, p { $n7 }.
note-hc3 = Errori standard, IC { $n }%, t e p sono HC3 (robusti all'eteroschedasticità, MacKinnon–White; come sandwich::vcovHC(fit, type = "HC3") con lmtest::coeftest in R), t con i gradi di libertà residui; R², F e sr² sono quelli classici.
note-beta-numeric = β (e il suo IC) è riportato solo per i predittori numerici, e LMG solo per modelli di predittori numerici: una colonna dummy o di interazione non ha una deviazione standard di una propria variabile, e le colonne di un predittore categoriale vanno considerate insieme. Il VIF è per colonna.
note-no-regression = Nessuna regressione: { $x }
fig-beta = { $u }: coefficienti standardizzati (β, IC { $n }%)
fig-beta-axis = β (standardizzato), IC { $n }%
fig-b = { $u }: coefficienti (b, IC { $n }%)
fig-b-axis = b (nelle unità dell'esito per unità o rispetto al riferimento), IC { $n }%
fig-residuals = { $u }: residui rispetto ai valori stimati
fig-fitted = Valore stimato
fig-residual = Residuo
fig-residuals-hint = Un andamento o un imbuto suggerisce un termine mancante o varianze diverse
fig-qq = { $u }: grafico Q–Q normale dei residui standardizzati
fig-qq-x = Quantile teorico (normale)
fig-qq-y = Residuo standardizzato
fig-qq-hint = Punti vicini alla retta y = x: residui prossimi alla normalità
note-diagnostics = Diagnostica (come plot(lm) di R, pannelli 1 e 2): residui rispetto ai valori stimati, e residui standardizzati e / (σ √(1 − h)) rispetto ai quantili normali in ppoints di R.
note-diagnostics-leverage = Diagnostica (come plot(lm) di R, pannelli 1 e 2): residui rispetto ai valori stimati, e residui standardizzati e / (σ √(1 − h)) rispetto ai quantili normali in ppoints di R; righe con leva 1 senza residuo standardizzato, non disegnate: { $n }.
note-logit-fit = Esito: { $t1 }. n = { $n1 } (eventi: { $n2 }); devianza residua { $n3 } con { $n4 } gdl, devianza nulla { $n5 } con { $n6 } gdl; AIC = { $n7 }; χ² del rapporto di verosimiglianza({ $n8 }) = { $n9 }, p { $n10 }.
note-logit-fit-dropped = Esito: { $t1 }. n = { $n1 } (eventi: { $n2 }), righe con un valore mancante escluse: { $n11 }; devianza residua { $n3 } con { $n4 } gdl, devianza nulla { $n5 } con { $n6 } gdl; AIC = { $n7 }; χ² del rapporto di verosimiglianza({ $n8 }) = { $n9 }, p { $n10 }.
logit-outcome-1 = { $u } (1 = evento)
logit-outcome-level = { $u1 } ({ $u2 } = evento)
note-logit = Regressione logistica (massima verosimiglianza, come glm(family = binomial) di R): b è il logaritmo dell'odds ratio, OR = exp(b); z e p sono di Wald; IC di Wald exp(b ± { $n }·ES); IC di verosimiglianza profilo come confint() di R: i valori del coefficiente in cui la devianza, con gli altri coefficienti ristimati, aumenta di { $n }².
note-logit-open = —: la devianza profilo non aumenta abbastanza da quel lato (la verosimiglianza è quasi piatta, come vicino alla separazione); confint() di R dà NA.
fig-logit = { $u }: logaritmi degli odds ratio (b, IC { $n }% profilo)
fig-logit-axis = logaritmo dell'odds ratio b (0 = OR 1), IC { $n }% di verosimiglianza profilo
fig-logit-or = { $u }: odds ratio (OR, IC { $n }% profilo)
fig-logit-or-axis = odds ratio (scala logaritmica), IC { $n }% di verosimiglianza profilo

## Sopravvivenza

note-survival-time = Tempo: { $u }; evento: { $t }, altrimenti censurato a quel tempo.
note-survival-time-dropped = Tempo: { $u }; evento: { $t }, altrimenti censurato a quel tempo; righe senza tempo o stato escluse: { $n }.
event-value = { $u } = { $t }
note-log-rank = Test log-rank (survdiff di R): χ²({ $n1 }) = { $n2 }, p { $n3 }.
note-no-log-rank = Nessun test log-rank: { $x }
note-no-km = Nessuna stima di Kaplan–Meier per { $u }: { $x }
note-km = Stima di Kaplan–Meier; sopravvivenza mediana e il suo IC { $n }% come print(survfit(...)) di R: il primo tempo in cui la curva (o i limiti puntuali inferiore e superiore) raggiunge 0,5, con i limiti dalla varianza di Greenwood su scala logaritmica (conf.type = "log", il predefinito di survfit).
note-km-open = —: non raggiunta (la curva o il suo limite resta sopra 0,5 fino all'ultimo tempo osservato); R stampa NA.
title-risk = { $u }: numero a rischio
note-risk = A rischio: soggetti ancora seguiti (tempo uguale o successivo a quello della colonna); la sopravvivenza è la stima di Kaplan–Meier a quel tempo con il suo IC { $n }% puntuale (scala logaritmica), come summary(survfit(...), times = ...) di R.
fig-km = { $u }: stima di Kaplan–Meier
fig-km-log-rank = Log-rank χ²({ $n1 }) = { $n2 }, p { $n3 }; + = censurato
note-cox-fit = n = { $n1 } (eventi: { $n2 }); χ² del rapporto di verosimiglianza({ $n3 }) = { $n4 }, p { $n5 }; χ² di Wald({ $n6 }) = { $n7 }, p { $n8 }; χ² score (log-rank)({ $n9 }) = { $n10 }, p { $n11 }.
note-cox-fit-dropped = n = { $n1 } (eventi: { $n2 }), righe con un valore mancante escluse: { $n12 }; χ² del rapporto di verosimiglianza({ $n3 }) = { $n4 }, p { $n5 }; χ² di Wald({ $n6 }) = { $n7 }, p { $n8 }; χ² score (log-rank)({ $n9 }) = { $n10 }, p { $n11 }.
note-cox = Regressione di Cox a rischi proporzionali (verosimiglianza parziale con il metodo di Efron per i tempi coincidenti, come coxph di R): b è il logaritmo dell'hazard ratio, HR = exp(b), z e p sono di Wald, IC { $n1 }% exp(b ± { $n2 }·ES).
note-no-cox = Nessun modello di Cox: { $x }
note-coding-cox = Predittori categoriali in codifica treatment (dummy), come coxph di R: ogni riga confronta un livello con quello di riferimento: { $t }.
title-cox = { $u }: modello di Cox a rischi proporzionali
title-ph = { $u }: verifica dei rischi proporzionali
note-ph = Verifica dei rischi proporzionali dai residui di Schoenfeld scalati, come cox.zph(fit) di R (transform = "km": il tempo come 1 − la stima di Kaplan–Meier appena prima): il test score che il logaritmo dell'hazard ratio di un termine cambi linearmente in quella scala del tempo, per termine e per tutti i termini insieme (Globale). Un p piccolo suggerisce che l'hazard ratio del termine non sia costante durante il follow-up; valutare un grafico dei residui o una stratificazione.
note-no-ph = Nessuna verifica dei rischi proporzionali: { $x }

## Formato dei dati

format-csv = CSV, separatore { $x1 }, punto decimale, { $x2 }
format-csv-comma = CSV, separatore { $x1 }, virgola decimale, { $x2 }
format-parquet = Parquet

## Metodi

methods-numeric = Variabili numeriche: media ± DS (n − 1) e mediana [Q1; Q3] (quantili di tipo 7 di R). Normalità con il test di Shapiro–Wilk (Royston AS R94) in ogni gruppo; il test è definito da 3 a 5000 valori, e un gruppo fuori da questo intervallo non è considerato normale.
methods-auto = Scelte automatiche: media ± DS e test t di Welch quando il p di Shapiro–Wilk è ≥ { $n } in entrambi i gruppi, altrimenti mediana [IQR] e test di Mann–Whitney.
methods-mann-whitney = Test di Mann–Whitney: esatto sotto i 50 valori per gruppo senza ties, altrimenti approssimazione normale con correzione per i ties e per la continuità (come wilcox.test di R); U è quello del primo gruppo; dimensione dell'effetto r rango-biseriale = 2U/(n1·n2) − 1; spostamento di Hodges–Lehmann.
methods-categorical = Variabili categoriali: n (%) dei valori non mancanti; chi quadrato di Pearson (correzione di Yates per le tabelle 2×2), test esatto di Fisher per una tabella 2×2 con una frequenza attesa inferiore a 5.
methods-effects = Dimensioni dell'effetto con intervalli di confidenza al { $n }%, calcolate come nel pacchetto effectsize di R: g di Hedges (DS combinata, correzione esatta per piccoli campioni) e d_z con intervalli dalla distribuzione t non centrale; r rango-biseriale con un intervallo normale di atanh(r); η² (ANOVA a una via) e V di Cramér (X² di Pearson senza correzione per la continuità, correzione della distorsione di Bergsma) con intervalli unilaterali dalle distribuzioni F e chi quadrato non centrali, il cui estremo superiore è 1 (il default di effectsize); η² (Welch) dalla F di Welch e dai suoi gradi di libertà, un'approssimazione, come la dà effectsize per l'ANOVA di Welch; odds ratio di massima verosimiglianza condizionale con l'intervallo condizionale esatto di fisher.test di R.
methods-smd = SMD: la differenza media standardizzata come la stampa tableone di R: |m1 − m2| / √((s1² + s2²)/2) per una variabile numerica, la forma multinomiale di Yang e Dalton (2012) sui livelli tranne il primo per una categoriale; con più di due gruppi, la media dei valori a coppie. Descrive l'equilibrio tra i gruppi e non è un test.
methods-correlations = Correlazioni: coefficiente di correlazione di Spearman ρ (p con AS 89 senza ties e n ≤ 1290, altrimenti approssimazione t, come cor.test di R) o r di Pearson con IC { $n }% dalla trasformazione z di Fisher; q di Benjamini–Hochberg in ogni tabella; esclusione a coppie.
methods-regression = Regressione: minimi quadrati ordinari (QR), esclusione per righe; β è il coefficiente standardizzato; sr² il quadrato della correlazione semiparziale; LMG la quota media di R² del predittore su tutti gli ordinamenti; IC { $n }% dalla distribuzione t.
methods-two-sided = Tutti i valori di p sono bilaterali.
methods-figures = Le figure disegnano ogni valore fino a { $n } punti per gruppo (box plot) o per grafico (dispersione); oltre, un campione sistematico di una riga ogni k, e ogni valore oltre i baffi di un box plot. Box, baffi e rette usano tutti i valori.
methods-k-numeric = Più di due gruppi: ANOVA a una via (varianze uguali, η² = quota della somma dei quadrati tra i gruppi), ANOVA di Welch (oneway.test di R, predefinito) o Kruskal–Wallis (H corretto per i ties con il suo p del chi quadrato, come kruskal.test di R; dimensione dell'effetto ε² dei ranghi = H/(n − 1) con un intervallo bootstrap percentile unilaterale da 2000 ricampionamenti entro i gruppi, seed 20261203, come effectsize::rank_epsilon_squared di R lo calcola da 200 ricampionamenti senza seed fisso); la scelta automatica è l'ANOVA di Welch quando il p di Shapiro–Wilk è ≥ { $n } in ogni gruppo, altrimenti Kruskal–Wallis. Confronti a coppie: Tukey HSD dopo l'ANOVA, Games–Howell dopo l'ANOVA di Welch, test di Dunn con la correzione di Holm dopo Kruskal–Wallis.
methods-k-categorical = Variabili categoriali in più di due gruppi: chi quadrato di Pearson; quando una frequenza attesa è inferiore a 5 (dove chisq.test di R avverte "Chi-squared approximation may be incorrect"), il test esatto di Fisher–Freeman–Halton, o il suo p Monte Carlo ((1 + successi) / (B + 1) su 100000 tabelle con i margini osservati, seed 20261202) quando la tabella è troppo grande per essere enumerata.
methods-paired = Tabelle appaiate: le righe di ogni soggetto nelle due occasioni sono abbinate tramite la colonna del soggetto; la variazione è la seconda occasione meno la prima, sulle coppie complete. Test t per dati appaiati con l'IC { $n1 }% della variazione media e d_z quando il p di Shapiro–Wilk delle differenze è ≥ { $n2 }, altrimenti test di Wilcoxon dei ranghi con segno (differenze nulle escluse; esatto sotto le 50 coppie senza ties né zeri, altrimenti approssimazione normale con correzioni per i ties e la continuità, come wilcox.test di R) con r rango-biseriale per coppie e la pseudo-mediana delle variazioni con il suo IC allo stesso livello (come wilcox.test di R con conf.int = TRUE, in report.json); variabili categoriali a due livelli: test di McNemar con correzione per la continuità (come mcnemar.test di R) con g di Cohen = max(b, c)/(b + c) − 0,5 sulle coppie discordanti b e c e l'intervallo di Wilson di questa quota (come effectsize::cohens_g di R).
methods-terms = Termini della regressione come li scrive R: un predittore categoriale entra in codifica treatment (dummy) rispetto al livello di riferimento (quello del protocollo, altrimenti il primo), una colonna per ogni altro livello; a:b è il prodotto delle colonne di a e b, e a*b sta per a + b + a:b; gli effetti principali vengono prima, come nella matrice del modello di R.
methods-hc3 = Errori standard HC3: (XᵀX)⁻¹ Xᵀ diag(eᵢ² / (1 − hᵢ)²) X (XᵀX)⁻¹ (MacKinnon e White 1985; sandwich::vcovHC type "HC3" di R), con t sui gradi di libertà residui.
methods-diagnostics = Diagnostica della regressione: residui rispetto ai valori stimati e grafico Q–Q normale dei residui standardizzati eᵢ / (σ √(1 − hᵢ)) (rstandard e plot.lm di R).
methods-logistic = Regressione logistica: massima verosimiglianza con il Fisher scoring (glm di R, famiglia binomiale, link logit), esclusione per righe; test z di Wald; IC { $n }% degli odds ratio di Wald e di verosimiglianza profilo (confint() di R); un modello i cui predittori separano l'esito (probabilità stimate di 0 o 1) è dichiarato non stimabile: i suoi odds ratio di massima verosimiglianza non esistono.
methods-survival = Sopravvivenza: stime di Kaplan–Meier per gruppo con IC { $n }% puntuali dalla varianza di Greenwood su scala logaritmica (predefiniti di survfit di R, conf.type = "log"); sopravvivenza mediana e il suo IC come print.survfit; numero a rischio e sopravvivenza ai tempi indicati come summary.survfit; test log-rank tra i gruppi (survdiff di R, rho = 0).
methods-cox = Regressione di Cox a rischi proporzionali: massima verosimiglianza parziale con il metodo di Efron per i ties (predefinito di coxph di R), Newton–Raphson da b = 0, esclusione per righe; test z di Wald e IC { $n }% degli hazard ratio; test del rapporto di verosimiglianza, di Wald e score del modello; un modello la cui verosimiglianza parziale continua a crescere al crescere di un coefficiente (verosimiglianza monotona) è dichiarato non stimabile. Rischi proporzionali: il test score di cox.zph di R (transform "km") per termine e globale.

## Perché una statistica non è stata calcolata (messaggi del modulo statistico)

stats-too-few = { $x }: servono almeno { $n1 } valori non mancanti, presenti { $n2 }
stats-too-many = { $x }: sono ammessi al massimo { $n1 } valori, presenti { $n2 }
stats-zero-variance = { $x }: varianza nulla, tutti i valori valgono { $n }
stats-zero-margin = la tabella di contingenza ha un margine nullo: { $x }
stats-singular = disegno singolare: il predittore `{ $x }` è una combinazione lineare dell'intercetta e dei predittori precedenti
stats-perfect-fit = i predittori riproducono esattamente l'esito (somma dei quadrati residua { $x }); errori standard e valori di p non sono definiti
stats-not-computable = { $x1 }: non calcolabile: { $x2 }
stats-invalid = valore non valido di { $x1 }: { $x2 }
