# The English texts of a study report, as the analyses print them (see src/i18n.rs): each
# message is matched against the printed texts; the variables stand for what changes:
# $n… a number, $u… a text of the protocol (label, unit, level, title), $t… a text that is
# translated in turn (or a protocol text, or a number), $x… any text, kept as written.
# Messages whose id starts with frame- are the words around the tables (render.rs).

frame-source = Source: { $x }
frame-protocol = Protocol: { $x }
frame-data = Data: { $x1 } ({ $x2 }, { $n } rows)
frame-groups = Groups: { $x }
frame-outside = Rows in neither group: { $n }
frame-outside-html = { $n } rows in neither group
frame-methods = Methods
frame-made-by = Made by { $x }.
frame-r-code = R code
frame-r-code-intro = The same analyses in R (also written as analysis.R):
frame-footer-html = Made by { $x }. Every number on this page is in report.json beside it.

## Defaults of the protocol

default-title = Study report
default-table-characteristics = Table { $n }. Characteristics
default-table-comparison = Table { $n }. Group comparison
default-table-correlations = Table { $n }. Correlations
default-table-regression = Table { $n }. Regression
default-table-paired = Table { $n }. Paired comparison
default-table-survival = Table { $n }. Survival

## Column headers

hdr-variable = Variable
hdr-variables = Variables
hdr-test = Test
hdr-statistic = Statistic
hdr-p = p
hdr-n = n
hdr-effect-size = Effect size
hdr-effect-size-ci = Effect size ({ $n } % CI)
hdr-smd = SMD
hdr-pairs = Pairs
hdr-comparison = Comparison
hdr-difference = Difference
hdr-ci = { $n } % CI
hdr-ci-tight = { $n }% CI
hdr-p-adjusted = p (adjusted)
hdr-q-bh = q (BH)
hdr-p-method = p method
hdr-predictor = Predictor
hdr-b = b
hdr-se = SE
hdr-se-hc3 = SE (HC3)
hdr-beta = β
hdr-beta-ci = β { $n }% CI
hdr-t = t
hdr-z = z
hdr-sr2 = sr² (%)
hdr-lmg = LMG (%)
hdr-vif = VIF
hdr-or = OR
hdr-or-ci-wald = OR { $n }% CI (Wald)
hdr-or-ci-profile = OR { $n }% CI (profile)
hdr-hr = HR
hdr-hr-ci = HR { $n }% CI
hdr-group = Group
hdr-events = Events
hdr-median-survival = Median survival ({ $n }% CI)
hdr-median-survival-unit = Median survival, { $u } ({ $n }% CI)
hdr-observed = Observed
hdr-expected = Expected
hdr-oe = (O − E)²/V
hdr-time = Time
hdr-time-unit = Time, { $u }
hdr-at-risk = At risk
hdr-survival = Survival, % ({ $n }% CI)
hdr-term = Term
hdr-chi2 = χ²
hdr-df = df
hdr-rho = ρ
hdr-r = r
hdr-global = Global
hdr-intercept = (Intercept)
hdr-group-n = { $u } (n = { $n })
hdr-group-n-msd = { $u } (n = { $n }), M ± SD
hdr-group-median = { $u }, median [IQR]
hdr-change = Change, { $u1 } − { $u2 } ({ $n } % CI)

## Row labels and cells

row-msd = { $u }, M ± SD
row-median = { $u }, median [IQR]
row-n-pct = { $u }, n (%)
row-missing = Missing
term-level = { $u1 }: { $u2 }
term-interaction = { $t1 } × { $t2 }
pair-vs = { $u1 } vs { $u2 }
pair-corr = { $u1 } ↔ { $u2 }
cell-df1 = { $n1 } (df { $n2 })
cell-df2 = { $n1 } (df { $n2 }, { $n3 })
cell-t-df = t = { $n1 } (df { $n2 })
cell-q = q = { $n }
cell-z = z = { $n }
cell-effect = { $t } = { $n }
cell-effect-ci = { $t } = { $n1 } [{ $n2 }; { $n3 }]
cell-effect-ci-inf = { $t } = { $n1 } [{ $n2 }; ∞]
cell-effect-inf = { $t } = ∞
cell-effect-inf-ci-inf = { $t } = ∞ [{ $n }; ∞]
test-mann-whitney = Mann–Whitney U
test-welch = Welch t
test-student = Student t
test-chi2 = chi-square
test-fisher = Fisher exact
test-anova = one-way ANOVA
test-welch-anova = Welch's ANOVA
test-kruskal = Kruskal–Wallis
test-ffh = Fisher–Freeman–Halton
test-mcnemar = McNemar
test-paired-t = paired t
test-wilcoxon = Wilcoxon signed-rank
effect-rank-biserial = rank-biserial r
effect-hedges = Hedges' g
effect-dz = d_z
effect-eta2 = η²
effect-eta2-welch = η² (Welch)
effect-or = odds ratio (conditional MLE)
effect-cramers-v = Cramér's V
effect-cohens-g = Cohen's g
effect-rank-epsilon = rank ε²
pmethod-exact = exact
pmethod-asymptotic = asymptotic
pmethod-t-approximation = t-approximation
pmethod-t = t

## Notes under the tables

note-within = Rows of the group { $u }.
note-rows-all = Rows: the whole cohort ({ $n } rows).
note-rows-groups = Rows of the groups { $x } ({ $n } rows).
note-corr-complete = { $u1 } ↔ { $u2 }: n = { $n1 } of { $n2 } rows; { $n3 } with a missing value left out.
note-missing-row = Missing: rows of the group without a value, n (% of the group's rows); shown under a variable only when it has missing values (as gtsummary's missing = "ifany").
note-missing-numeric = { $u }: values missing per group { $n }
note-missing-categorical = { $u }: missing values per group { $n }
note-no-test = { $u }: no test: { $t }
reason-group-empty = the group { $u } has no values
reason-one-category = only one category occurs, there is nothing to test
reason-one-group = only one group has values, there is nothing to test
note-box-sample = Box plot of { $u1 }, { $u2 }: 1 in { $n1 } of the { $n2 } values drawn as points (the box uses all)
note-scatter-sample = Scatter of { $u1 } and { $u2 }: 1 in { $n1 } of the { $n2 } pairs drawn (the line uses all)
note-no-figure = No figure { $x1 }: { $x2 }
note-no-posthoc = { $u }: no pairwise comparisons: { $t }
note-corr-error = { $u1 } ↔ { $u2 }: { $x }
note-paired-no-id = { $n } rows without a subject id (column { $x }) are left out.
note-paired-single = { $n } subjects with a row at only one of the two occasions are left out.
note-paired-zero = { $u }: { $n } pairs without change left out of the signed-rank test
note-paired-incomplete = { $u }: { $n1 } of the { $n2 } pairs miss a value and are left out
note-tukey = Tukey HSD (Tukey–Kramer for unequal groups): difference of means with its simultaneous { $n } % CI; q is the studentized range statistic and p is adjusted through its distribution.
note-games-howell = Games–Howell: difference of means with its { $n } % CI (± the studentized range quantile / √2 × SE, Welch's df of the pair), Welch's t and df for each pair; p from the studentized range with the table's number of groups (unequal variances).
note-dunn = Dunn: difference of mean ranks (pooled ranks, as Kruskal–Wallis), z with the tie correction; p adjusted by Holm over all pairs.
title-posthoc = { $u }: pairwise comparisons
fig-pair = { $u1 } and { $u2 }
fig-corr-lt = { $x } = { $n1 }, p < { $n2 }, n = { $n3 }
fig-corr-eq = { $x } = { $n1 }, p = { $n2 }, n = { $n3 }
fig-n = n = { $n }
fig-survival = Survival probability
fig-at-risk = Number at risk

## Regression

note-coding-lm = Categorical predictors in treatment (dummy) coding, as R's lm and glm: each column is 1 for its level and 0 otherwise, so each row compares a level with the reference: { $t }.
note-coding-lm-interactions = Categorical predictors in treatment (dummy) coding, as R's lm and glm: each column is 1 for its level and 0 otherwise, so each row compares a level with the reference: { $t }. Rows with × are interactions (the product of the columns): the change in a variable's coefficient for one unit (or the level) of the other.
note-interactions = Rows with × are interactions (the product of the columns): the change in a variable's coefficient for one unit (or the level) of the other.
coding-part-columns = { $u1 } (reference { $u2 }): { $x }
coding-part = { $u1 } (reference { $u2 })
list-semicolon = { $t1 }; { $t2 }
note-ols-fit = Outcome: { $u }. n = { $n1 }; R² = { $n2 }, adjusted R² = { $n3 }, F({ $n4 }, { $n5 }) = { $n6 }, p { $n7 }.
note-ols-fit-dropped = Outcome: { $u }. n = { $n1 } ({ $n8 } rows with a missing value left out); R² = { $n2 }, adjusted R² = { $n3 }, F({ $n4 }, { $n5 }) = { $n6 }, p { $n7 }.
note-hc3 = Standard errors, { $n }% CIs, t and p are HC3 (heteroskedasticity-consistent, MacKinnon–White; as R's sandwich::vcovHC(fit, type = "HC3") with lmtest::coeftest), t on the residual degrees of freedom; R², F and sr² are the classical ones.
note-beta-numeric = β (and its CI) is shown for numeric predictors only, and LMG for models of numeric predictors only: a dummy or interaction column has no standard deviation of a variable of its own, and a categorical predictor's columns belong together. VIF is per column.
note-no-regression = No regression: { $x }
fig-beta = { $u }: standardized coefficients (β, { $n }% CI)
fig-beta-axis = β (standardized), { $n }% CI
fig-b = { $u }: coefficients (b, { $n }% CI)
fig-b-axis = b (in the outcome's units per unit or vs the reference), { $n }% CI
fig-residuals = { $u }: residuals vs fitted values
fig-fitted = Fitted value
fig-residual = Residual
fig-residuals-hint = A pattern or a funnel suggests a missing term or unequal variance
fig-qq = { $u }: normal Q–Q plot of the standardized residuals
fig-qq-x = Theoretical quantile (normal)
fig-qq-y = Standardized residual
fig-qq-hint = Points near the line y = x: residuals close to normal
note-diagnostics = Diagnostics (as R's plot(lm), panels 1 and 2): residuals against fitted values, and the standardized residuals e / (σ √(1 − h)) against normal quantiles at R's ppoints.
note-diagnostics-leverage = Diagnostics (as R's plot(lm), panels 1 and 2): residuals against fitted values, and the standardized residuals e / (σ √(1 − h)) against normal quantiles at R's ppoints; { $n } rows of leverage 1 have no standardized residual and are not drawn.
note-logit-fit = Outcome: { $t1 }. n = { $n1 } ({ $n2 } events); residual deviance { $n3 } on { $n4 } df, null deviance { $n5 } on { $n6 } df; AIC = { $n7 }; likelihood-ratio χ²({ $n8 }) = { $n9 }, p { $n10 }.
note-logit-fit-dropped = Outcome: { $t1 }. n = { $n1 } ({ $n2 } events), { $n11 } rows with a missing value left out; residual deviance { $n3 } on { $n4 } df, null deviance { $n5 } on { $n6 } df; AIC = { $n7 }; likelihood-ratio χ²({ $n8 }) = { $n9 }, p { $n10 }.
logit-outcome-1 = { $u } (1 = event)
logit-outcome-level = { $u1 } ({ $u2 } = event)
note-logit = Logistic regression (maximum likelihood, as R's glm(family = binomial)): b is the log odds ratio, OR = exp(b); z and p are Wald's; Wald CI exp(b ± { $n }·SE); profile-likelihood CI as R's confint(): the values of the coefficient where the deviance, the other coefficients refitted, rises by { $n }².
note-logit-open = —: the profile deviance does not rise far enough on that side (the likelihood is nearly flat there, as near separation); R's confint() gives NA.
fig-logit = { $u }: log odds ratios (b, { $n }% profile CI)
fig-logit-axis = log odds ratio b (0 = OR 1), { $n }% profile-likelihood CI
fig-logit-or = { $u }: odds ratios (OR, { $n }% profile CI)
fig-logit-or-axis = odds ratio (log scale), { $n }% profile-likelihood CI

## Survival

note-survival-time = Time: { $u }; event: { $t }, otherwise censored at that time.
note-survival-time-dropped = Time: { $u }; event: { $t }, otherwise censored at that time; { $n } rows with a missing time or status left out.
event-value = { $u } = { $t }
note-log-rank = Log-rank test (R's survdiff): χ²({ $n1 }) = { $n2 }, p { $n3 }.
note-no-log-rank = No log-rank test: { $x }
note-no-km = No Kaplan–Meier estimate for { $u }: { $x }
note-km = Kaplan–Meier estimate; median survival and its { $n } % CI as R's print(survfit(...)): the first time the curve (or the lower and upper pointwise bounds) reaches 0.5, the bounds with Greenwood's variance on the log scale (survfit's default conf.type = "log").
note-km-open = —: not reached (the curve or its bound stays above 0.5 until the last time observed); R prints NA.
title-risk = { $u }: number at risk
note-risk = At risk: subjects still followed (time at or after the column's time); survival is the Kaplan–Meier estimate at that time with its pointwise { $n } % CI (log scale), as R's summary(survfit(...), times = ...).
fig-km = { $u }: Kaplan–Meier estimate
fig-km-log-rank = Log-rank χ²({ $n1 }) = { $n2 }, p { $n3 }; + = censored
note-cox-fit = n = { $n1 } ({ $n2 } events); likelihood-ratio χ²({ $n3 }) = { $n4 }, p { $n5 }; Wald χ²({ $n6 }) = { $n7 }, p { $n8 }; score (log-rank) χ²({ $n9 }) = { $n10 }, p { $n11 }.
note-cox-fit-dropped = n = { $n1 } ({ $n2 } events), { $n12 } rows with a missing value left out; likelihood-ratio χ²({ $n3 }) = { $n4 }, p { $n5 }; Wald χ²({ $n6 }) = { $n7 }, p { $n8 }; score (log-rank) χ²({ $n9 }) = { $n10 }, p { $n11 }.
note-cox = Cox proportional-hazards regression (partial likelihood with Efron's method for tied times, as R's coxph): b is the log hazard ratio, HR = exp(b), z and p are Wald's, { $n1 } % CI exp(b ± { $n2 }·SE).
note-no-cox = No Cox model: { $x }
note-coding-cox = Categorical predictors in treatment (dummy) coding, as R's coxph: each row compares a level with the reference: { $t }.
title-cox = { $u }: Cox proportional-hazards model
title-ph = { $u }: test of proportional hazards
note-ph = Test of proportional hazards from the scaled Schoenfeld residuals, as R's cox.zph(fit) (transform = "km": time as 1 − the Kaplan–Meier estimate just before it): the score test that a term's log hazard ratio changes linearly in that time scale, per term and for all terms together (Global). A small p suggests that the hazard ratio of the term is not constant over follow-up; consider plotting the residuals or stratifying on it.
note-no-ph = No test of proportional hazards: { $x }

## Data format

format-csv = CSV, { $x1 }-delimited, decimal point, { $x2 }
format-csv-comma = CSV, { $x1 }-delimited, decimal comma, { $x2 }
format-parquet = Parquet

## Methods

methods-numeric = Numeric variables: mean ± SD (n − 1) and median [Q1; Q3] (R type 7 quantiles). Normality by Shapiro–Wilk (Royston AS R94) in each group; the test is defined for 3 to 5000 values, and a group outside that range counts as not shown normal.
methods-auto = Automatic choices: M ± SD and Welch's t test when Shapiro–Wilk p ≥ { $n } in both groups, otherwise median [IQR] and the Mann–Whitney U test.
methods-mann-whitney = Mann–Whitney U: exact below 50 values per group without ties, otherwise the normal approximation with tie correction and continuity correction (as R's wilcox.test); U is the first group's; effect size rank-biserial r = 2U/(n1·n2) − 1; shift by Hodges–Lehmann.
methods-categorical = Categorical variables: n (%) of the non-missing values; Pearson chi-square (Yates' correction for 2×2 tables), Fisher's exact test for a 2×2 table with an expected count below 5.
methods-effects = Effect sizes with { $n } % confidence intervals, as R's effectsize package computes them: Hedges' g (pooled SD, exact small-sample correction) and d_z with intervals from the noncentral t distribution; the rank-biserial r with a normal interval of atanh(r); η² (one-way ANOVA) and Cramér's V (Pearson's X² without continuity correction, Bergsma's bias correction) with one-sided intervals from the noncentral F and chi-square distributions, whose upper end is 1 (effectsize's default); η² (Welch) from Welch's F and its degrees of freedom, an approximation, as effectsize gives it for Welch's ANOVA; the conditional maximum-likelihood odds ratio with the exact conditional interval of R's fisher.test.
methods-smd = SMD: the standardized mean difference as R's tableone prints it: |m1 − m2| / √((s1² + s2²)/2) for a numeric variable, Yang and Dalton's (2012) multinomial form over the levels but the first for a categorical one; with more than two groups, the mean of the pairwise values. It describes the balance of the groups and is not a test.
methods-correlations = Correlations: Spearman's ρ (p by AS 89 without ties and n ≤ 1290, else the t approximation, as R's cor.test) or Pearson's r with the Fisher-z { $n } % CI; Benjamini–Hochberg q within each table; pairwise deletion.
methods-regression = Regression: ordinary least squares (QR), listwise deletion; β is the standardized coefficient; sr² the squared semi-partial correlation; LMG the predictor's average share of R² over all orderings; { $n } % CIs from the t distribution.
methods-two-sided = All p-values are two-sided.
methods-figures = Figures draw every value up to { $n } points per group (box plots) or per plot (scatter); beyond, a systematic sample of every k-th row, and every value beyond the whiskers of a box plot. Boxes, whiskers and fitted lines use all values.
methods-k-numeric = More than two groups: one-way ANOVA (equal variances, η² = between-group share of the sum of squares), Welch's ANOVA (R's oneway.test default) or Kruskal–Wallis (tie-corrected H with its chi-square p, as R's kruskal.test; effect size the rank ε² = H/(n − 1) with a one-sided percentile bootstrap interval from 2000 resamples within the groups, seed 20261203, as R's effectsize::rank_epsilon_squared computes it from 200 unseeded ones); the automatic choice is Welch's ANOVA when Shapiro–Wilk p ≥ { $n } in every group, otherwise Kruskal–Wallis. Pairwise comparisons: Tukey HSD after ANOVA, Games–Howell after Welch's ANOVA, Dunn's test with Holm's adjustment after Kruskal–Wallis.
methods-k-categorical = Categorical variables over more than two groups: Pearson chi-square; when an expected count is below 5 (where R's chisq.test warns "Chi-squared approximation may be incorrect"), the Fisher–Freeman–Halton exact test, or its Monte Carlo p-value ((1 + hits) / (B + 1) over 100000 tables with the observed margins, seed 20261202) when the table is too large to enumerate.
methods-paired = Paired tables: the rows of each subject at the two occasions are matched by the subject column; the change is the second occasion minus the first, over the complete pairs. Paired t test with the { $n1 } % CI of the mean change and d_z when Shapiro–Wilk p ≥ { $n2 } for the differences, otherwise the Wilcoxon signed-rank test (zero differences dropped; exact below 50 pairs without ties or zeros, else the normal approximation with tie and continuity corrections, as R's wilcox.test) with the matched-pairs rank-biserial r and the pseudo-median of the changes with its CI at that level (as R's wilcox.test with conf.int = TRUE, in report.json); categorical variables of two levels: McNemar's test with continuity correction (as R's mcnemar.test) with Cohen's g = max(b, c)/(b + c) − 0.5 over the discordant pairs b and c and the Wilson score interval of that share (as R's effectsize::cohens_g).
methods-terms = Regression terms as R writes them: a categorical predictor enters in treatment (dummy) coding against its reference level (the protocol's, else the first level), one column per other level; a:b is the product of the columns of a and b, and a*b stands for a + b + a:b; main effects come first, as in R's model matrix.
methods-hc3 = HC3 standard errors: (XᵀX)⁻¹ Xᵀ diag(eᵢ² / (1 − hᵢ)²) X (XᵀX)⁻¹ (MacKinnon and White 1985; R's sandwich::vcovHC type "HC3"), with t on the residual degrees of freedom.
methods-diagnostics = Regression diagnostics: residuals against fitted values and a normal Q–Q plot of the standardized residuals eᵢ / (σ √(1 − hᵢ)) (R's rstandard and plot.lm).
methods-logistic = Logistic regression: maximum likelihood by Fisher scoring (R's glm, binomial family, logit link), listwise deletion; Wald z tests; { $n } % CIs of the odds ratios by Wald and by profile likelihood (R's confint()); a model whose predictors separate the outcome (fitted probabilities of 0 or 1) is reported as not estimable: its maximum-likelihood odds ratios do not exist.
methods-survival = Survival: Kaplan–Meier estimates per group with pointwise { $n } % CIs from Greenwood's variance on the log scale (R's survfit defaults, conf.type = "log"); median survival and its CI as print.survfit; the number at risk and survival at the stated times as summary.survfit; the log-rank test of the groups (R's survdiff, rho = 0).
methods-cox = Cox proportional-hazards regression: maximum partial likelihood with Efron's handling of ties (R's coxph default), Newton–Raphson from b = 0, listwise deletion; Wald z tests and { $n } % CIs of the hazard ratios; likelihood-ratio, Wald and score tests of the model; a model whose partial likelihood keeps rising as a coefficient grows (monotone likelihood) is reported as not estimable. Proportional hazards: the score test of R's cox.zph (transform "km") per term and globally.

## Why a statistic could not be computed (the statistics crate's messages)

stats-too-few = { $x } needs at least { $n1 } non-missing values, got { $n2 }
stats-too-many = { $x } supports at most { $n1 } values, got { $n2 }
stats-zero-variance = { $x } has zero variance: every value equals { $n }
stats-zero-margin = contingency table has a zero margin: { $x }
stats-singular = singular design: predictor `{ $x }` is a linear combination of the intercept and the predictors before it
stats-perfect-fit = the predictors fit the outcome exactly (residual sum of squares { $x }); standard errors and p-values are undefined
stats-not-computable = { $x1 } cannot be computed: { $x2 }
stats-invalid = invalid { $x1 }: { $x2 }
