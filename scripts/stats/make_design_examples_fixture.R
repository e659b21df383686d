#!/usr/bin/env Rscript
# Writes crates/neuronutri-study/test_data/design_examples/reference.json: what R computes for
# the tables of the two example studies on MASS data, each value with the JSON pointer of the
# same number in that study's report.json, so the Rust test checks the whole path (protocol ->
# CSV -> groups or pairs -> statistics -> report) against R:
#
#   examples/birthweight-study (three groups and a logistic model):
#   - table1: per group n, mean, sd, median and R type 7 quartiles, shapiro.test; the test the
#     protocol's "auto" rule picks, decided here from R's own Shapiro-Wilk p-values (Welch's
#     ANOVA by oneway.test when p >= 0.05 in every group, else kruskal.test); categorical rows
#     by chisq.test, or fisher.test (Fisher-Freeman-Halton, exact) when an expected count is
#     below 5; Dunn's test after Kruskal-Wallis, written out below from its definition
#     (pooled ranks, tie-corrected variance, Holm's adjustment by p.adjust);
#   - table2: oneway.test(var.equal = TRUE) and eta squared from aov's sums of squares;
#     TukeyHSD (the studentized range statistic q = |diff| / sqrt(MSE / 2 (1/ni + 1/nj)));
#   - table3: oneway.test(var.equal = FALSE); Games-Howell written out from its definition
#     (Welch's t and df per pair, p by ptukey(|t| sqrt 2, k, df));
#   - table4: kruskal.test and Dunn as in table1;
#   - table5: glm(low ~ age + lwt + race + smoke + ht + ui, binomial), Wald intervals and the
#     exact profile-likelihood interval ends (regression_helpers.R).
#   examples/anorexia-paired-study (paired, before/after): per occasion n, mean, sd, median,
#   quartiles and shapiro.test; the change after - before with t.test(paired = TRUE) and its
#   95 % CI; shapiro.test of the differences, which decides the "auto" test here; the paired
#   t (statistic, df, p, d_z = mean / sd of the differences) or wilcox.test(paired = TRUE)
#   (V, p with R's own exact/normal choice and corrections; the matched-pairs rank-biserial
#   r = (T+ - T-) / (T+ + T-) over the nonzero differences).
#
# Tolerances: 1e-9 relative, except the p-values from R's ptukey (1e-7: its Gauss-Legendre
# integration, after Copenhaver and Holland 1988, is not exact) and Tukey's intervals (1e-6:
# they use qtukey, which R's documentation gives as accurate to about 4 decimals). The
# logistic fit is refitted from its own estimates with epsilon = 1e-14 and checked at 1e-9.
#
#     Rscript scripts/stats/make_design_examples_fixture.R
suppressPackageStartupMessages(library(MASS))
source("scripts/stats/regression_helpers.R")
out_file <- "crates/neuronutri-study/test_data/design_examples/reference.json"

entries <- list()
protocol_name <- NULL
add <- function(pointer, expected, reference, rel = 1e-9) {
  entries[[length(entries) + 1]] <<- list(protocol = protocol_name, pointer = pointer,
                                          expected = expected, reference = reference,
                                          tol = list(rel = rel))
}
rver <- paste0("R ", getRversion())

describe <- function(base, x, name) {
  x <- x[!is.na(x)]
  add(paste0(base, "/n"), length(x), paste(rver, "length"))
  add(paste0(base, "/mean"), mean(x), paste(rver, "mean"))
  add(paste0(base, "/sd"), sd(x), paste(rver, "sd"))
  q <- quantile(x, c(0.25, 0.5, 0.75), type = 7, names = FALSE)
  add(paste0(base, "/median"), q[2], paste(rver, "quantile type 7"))
  add(paste0(base, "/q1"), q[1], paste(rver, "quantile type 7"))
  add(paste0(base, "/q3"), q[3], paste(rver, "quantile type 7"))
  sw <- shapiro.test(x)
  add(paste0(base, "/shapiro_w"), unname(sw$statistic), paste(rver, "shapiro.test"))
  add(paste0(base, "/shapiro_p"), sw$p.value, paste(rver, "shapiro.test"))
  sw$p.value
}

# Dunn's test from its definition: mean ranks of the pooled ranking, the tie-corrected
# variance N(N+1)/12 - sum(t^3 - t) / (12 (N - 1)), two-sided normal p, Holm over all pairs.
dunn <- function(base, x, g, labels) {
  keep <- !is.na(x)
  x <- x[keep]; g <- droplevels(g[keep])
  r <- rank(x)
  n <- length(x)
  ties <- table(x)
  s2 <- n * (n + 1) / 12 - sum(ties^3 - ties) / (12 * (n - 1))
  lv <- levels(g)
  pairs <- combn(seq_along(lv), 2)
  est <- z <- p <- se <- numeric(ncol(pairs))
  for (k in seq_len(ncol(pairs))) {
    i <- pairs[1, k]; j <- pairs[2, k]
    ri <- r[g == lv[i]]; rj <- r[g == lv[j]]
    est[k] <- mean(ri) - mean(rj)
    se[k] <- sqrt(s2 * (1 / length(ri) + 1 / length(rj)))
    z[k] <- est[k] / se[k]
    p[k] <- 2 * pnorm(-abs(z[k]))
  }
  padj <- p.adjust(p, "holm")
  for (k in seq_len(ncol(pairs))) {
    b <- sprintf("%s/comparisons/%d", base, k - 1)
    add(paste0(b, "/group1"), labels[pairs[1, k]], "the pair's order")
    add(paste0(b, "/group2"), labels[pairs[2, k]], "the pair's order")
    add(paste0(b, "/estimate"), est[k], paste(rver, "rank, Dunn by definition"))
    add(paste0(b, "/std_error"), se[k], paste(rver, "rank, Dunn by definition"))
    add(paste0(b, "/statistic"), z[k], paste(rver, "rank, Dunn by definition"))
    add(paste0(b, "/p_value"), p[k], paste(rver, "pnorm"))
    add(paste0(b, "/p_adjusted"), padj[k], paste(rver, "p.adjust holm"))
  }
}

# ------------------------------------------------------------------ birthweight-study ---
protocol_name <- "birthweight"
d <- read.csv("examples/birthweight-study/cohort.csv", na.strings = "")
lv <- c("white", "black", "other")
labels <- c("White", "Black", "Other")
d$race <- factor(d$race, levels = lv)

# table1
t1 <- "/tables/0/results/rows"
ph1 <- "/tables/1/results/rows"
ph_row <- 0
vars <- c("age", "lwt", "smoke", "ht", "ui", "ftv", "low")
for (i in seq_along(vars)) {
  v <- vars[i]
  base <- sprintf("%s/%d", t1, i - 1)
  x <- d[[v]]
  if (is.numeric(x)) {
    ps <- sapply(seq_along(lv), function(k)
      describe(sprintf("%s/groups/%d", base, k - 1), x[d$race == lv[k]]))
    if (all(ps >= 0.05)) {
      tt <- oneway.test(x ~ race, data = data.frame(x = x, race = d$race), var.equal = FALSE)
      add(paste0(base, "/test/test"), "Welch's ANOVA", "auto rule on R's shapiro.test")
      add(paste0(base, "/test/statistic"), unname(tt$statistic), paste(rver, "oneway.test"))
      add(paste0(base, "/test/df2"), unname(tt$parameter[2]), paste(rver, "oneway.test"))
    } else {
      tt <- kruskal.test(x ~ race, data = data.frame(x = x, race = d$race))
      add(paste0(base, "/test/test"), "Kruskal\u2013Wallis", "auto rule on R's shapiro.test")
      add(paste0(base, "/test/statistic"), unname(tt$statistic), paste(rver, "kruskal.test"))
      dunn(sprintf("%s/%d/result", ph1, ph_row), x, d$race, labels)
      add(sprintf("%s/%d/variable", ph1, ph_row), v, "the row's variable")
      ph_row <- ph_row + 1
    }
    add(paste0(base, "/test/p_value"), tt$p.value, paste(rver, "the test above"))
  } else {
    tab <- table(factor(x, levels = c("no", "yes")), d$race)
    for (k in seq_along(lv)) {
      add(sprintf("%s/levels/0/counts/%d", base, k - 1), unname(tab[1, k]), "R table")
      add(sprintf("%s/levels/1/counts/%d", base, k - 1), unname(tab[2, k]), "R table")
    }
    cs <- suppressWarnings(chisq.test(tab))
    if (any(cs$expected < 5)) {
      ft <- fisher.test(tab)
      add(paste0(base, "/test/test"), "Fisher\u2013Freeman\u2013Halton", "expected count < 5")
      add(paste0(base, "/test/p_value"), ft$p.value, paste(rver, "fisher.test (exact r x c)"))
    } else {
      add(paste0(base, "/test/test"), "chi-square", "expected counts >= 5")
      add(paste0(base, "/test/statistic"), unname(cs$statistic), paste(rver, "chisq.test"))
      add(paste0(base, "/test/p_value"), cs$p.value, paste(rver, "chisq.test"))
    }
  }
}

# table2: one-way ANOVA + Tukey HSD
base <- "/tables/2/results/rows/0"
for (k in seq_along(lv)) describe(sprintf("%s/groups/%d", base, k - 1), d$bwt[d$race == lv[k]])
ow <- oneway.test(bwt ~ race, data = d, var.equal = TRUE)
fit <- aov(bwt ~ race, data = d)
ss <- summary(fit)[[1]][["Sum Sq"]]
add(paste0(base, "/test/statistic"), unname(ow$statistic), paste(rver, "oneway.test var.equal"))
add(paste0(base, "/test/df"), unname(ow$parameter[1]), paste(rver, "oneway.test var.equal"))
add(paste0(base, "/test/df2"), unname(ow$parameter[2]), paste(rver, "oneway.test var.equal"))
add(paste0(base, "/test/p_value"), ow$p.value, paste(rver, "oneway.test var.equal"))
add(paste0(base, "/test/effect/value"), ss[1] / sum(ss), paste(rver, "aov sums of squares"))
tk <- TukeyHSD(fit, conf.level = 0.95)$race
mse <- sum(residuals(fit)^2) / fit$df.residual
ns <- table(d$race)
pairs <- combn(3, 2)
for (k in seq_len(ncol(pairs))) {
  i <- pairs[1, k]; j <- pairs[2, k]
  row <- paste0(lv[j], "-", lv[i])           # TukeyHSD reports later minus earlier level
  b <- sprintf("/tables/3/results/rows/0/result/comparisons/%d", k - 1)
  add(paste0(b, "/estimate"), -tk[row, "diff"], paste(rver, "TukeyHSD"))
  # The interval uses qtukey, which R documents as accurate to about 4 decimals (a secant
  # search on ptukey): agreement to 1e-6 relative is all it can show.
  add(paste0(b, "/ci/0"), -tk[row, "upr"], paste(rver, "TukeyHSD (qtukey)"), rel = 1e-6)
  add(paste0(b, "/ci/1"), -tk[row, "lwr"], paste(rver, "TukeyHSD (qtukey)"), rel = 1e-6)
  q <- abs(tk[row, "diff"]) / sqrt(mse / 2 * (1 / ns[[i]] + 1 / ns[[j]]))
  add(paste0(b, "/statistic"), q, paste(rver, "studentized range from aov's MSE"))
  add(paste0(b, "/p_adjusted"), tk[row, "p adj"], paste(rver, "TukeyHSD (ptukey)"), rel = 1e-7)
}

# table3: Welch's ANOVA + Games-Howell
base <- "/tables/4/results/rows/0"
ow <- oneway.test(bwt ~ race, data = d, var.equal = FALSE)
add(paste0(base, "/test/statistic"), unname(ow$statistic), paste(rver, "oneway.test"))
add(paste0(base, "/test/df2"), unname(ow$parameter[2]), paste(rver, "oneway.test"))
add(paste0(base, "/test/p_value"), ow$p.value, paste(rver, "oneway.test"))
for (k in seq_len(ncol(pairs))) {
  i <- pairs[1, k]; j <- pairs[2, k]
  xi <- d$bwt[d$race == lv[i]]; xj <- d$bwt[d$race == lv[j]]
  vi <- var(xi) / length(xi); vj <- var(xj) / length(xj)
  se <- sqrt(vi + vj)
  t <- (mean(xi) - mean(xj)) / se
  df <- (vi + vj)^2 / (vi^2 / (length(xi) - 1) + vj^2 / (length(xj) - 1))
  b <- sprintf("/tables/5/results/rows/0/result/comparisons/%d", k - 1)
  add(paste0(b, "/estimate"), mean(xi) - mean(xj), paste(rver, "mean"))
  add(paste0(b, "/std_error"), se, paste(rver, "Welch's SE"))
  add(paste0(b, "/statistic"), t, paste(rver, "Welch's t"))
  add(paste0(b, "/df"), df, paste(rver, "Welch-Satterthwaite df"))
  add(paste0(b, "/p_adjusted"), ptukey(abs(t) * sqrt(2), 3, df, lower.tail = FALSE),
      paste(rver, "ptukey"), rel = 1e-7)
}

# table4: Kruskal-Wallis + Dunn
base <- "/tables/6/results/rows/0"
kw <- kruskal.test(bwt ~ race, data = d)
add(paste0(base, "/test/statistic"), unname(kw$statistic), paste(rver, "kruskal.test"))
add(paste0(base, "/test/df"), unname(kw$parameter), paste(rver, "kruskal.test"))
add(paste0(base, "/test/p_value"), kw$p.value, paste(rver, "kruskal.test"))
dunn("/tables/7/results/rows/0/result", d$bwt, d$race, labels)

# table5: logistic regression
dl <- d
for (v in c("smoke", "ht", "ui")) dl[[v]] <- factor(dl[[v]], levels = c("no", "yes"))
dl$low <- as.integer(dl$low == "yes")
f <- low ~ age + lwt + race + smoke + ht + ui
lfit <- glm(f, data = dl, family = binomial, control = ctl)
lfit <- glm(f, data = dl, family = binomial, control = ctl, start = coef(lfit))
co <- summary(lfit)$coefficients
wald <- confint.default(lfit)
pe <- profile_exact(lfit, model.matrix(lfit), lfit$y)
ref <- paste(rver, "glm binomial + summary.glm")
base <- "/tables/8/results/logistic"
for (i in seq_len(nrow(co))) {
  p <- sprintf("%s/coefficients/%d", base, i - 1)
  add(paste0(p, "/name"), rownames(co)[i], "R model.matrix column name")
  add(paste0(p, "/estimate"), co[i, 1], ref)
  add(paste0(p, "/std_error"), co[i, 2], ref)
  add(paste0(p, "/z"), co[i, 3], ref)
  add(paste0(p, "/p_value"), co[i, 4], ref)
  add(paste0(p, "/odds_ratio"), exp(co[i, 1]), ref)
  add(paste0(p, "/or_wald_ci/0"), exp(wald[i, 1]), "R exp(confint.default)")
  add(paste0(p, "/or_wald_ci/1"), exp(wald[i, 2]), "R exp(confint.default)")
  add(paste0(p, "/or_profile_ci/0"), exp(pe[1, i]), "R exact profile root (uniroot 1e-13)")
  add(paste0(p, "/or_profile_ci/1"), exp(pe[2, i]), "R exact profile root (uniroot 1e-13)")
}
add(paste0(base, "/n"), nobs(lfit), ref)
add(paste0(base, "/events"), sum(lfit$y), ref)
add(paste0(base, "/deviance"), deviance(lfit), ref)
add(paste0(base, "/null_deviance"), lfit$null.deviance, ref)
add(paste0(base, "/aic"), AIC(lfit), ref)
lr <- lfit$null.deviance - deviance(lfit)
add(paste0(base, "/lr_chi2"), lr, ref)
add(paste0(base, "/lr_p_value"), pchisq(lr, length(coef(lfit)) - 1, lower.tail = FALSE),
    "R pchisq of the deviance drop")

# --------------------------------------------------------------- anorexia-paired-study ---
protocol_name <- "anorexia"
a <- read.csv("examples/anorexia-paired-study/cohort.csv", na.strings = "")
paired_table <- function(index, rows, test) {
  base <- sprintf("/tables/%d/results/rows/0", index)
  before <- rows[rows$occasion == "before", c("patient", "weight")]
  after <- rows[rows$occasion == "after", c("patient", "weight")]
  w <- merge(before, after, by = "patient", suffixes = c(".before", ".after"))
  w <- w[complete.cases(w), ]
  add(paste0(base, "/n"), nrow(w), "R merge by patient")
  describe(paste0(base, "/times/0"), w$weight.before)
  describe(paste0(base, "/times/1"), w$weight.after)
  diff <- w$weight.after - w$weight.before
  tt <- t.test(w$weight.after, w$weight.before, paired = TRUE)
  add(paste0(base, "/change/0"), mean(diff), paste(rver, "mean of the differences"))
  add(paste0(base, "/change/1/0"), tt$conf.int[1], paste(rver, "t.test paired conf.int"))
  add(paste0(base, "/change/1/1"), tt$conf.int[2], paste(rver, "t.test paired conf.int"))
  swp <- shapiro.test(diff)$p.value
  add(paste0(base, "/shapiro_p"), swp, paste(rver, "shapiro.test of the differences"))
  if (test == "auto") test <- if (swp >= 0.05) "paired-t" else "wilcoxon"
  if (test == "paired-t") {
    add(paste0(base, "/test/test"), "paired t", "the test asked for or the auto rule")
    add(paste0(base, "/test/statistic"), unname(tt$statistic), paste(rver, "t.test paired"))
    add(paste0(base, "/test/df"), unname(tt$parameter), paste(rver, "t.test paired"))
    add(paste0(base, "/test/p_value"), tt$p.value, paste(rver, "t.test paired"))
    add(paste0(base, "/test/effect/value"), mean(diff) / sd(diff), paste(rver, "mean / sd"))
  } else {
    wt <- suppressWarnings(wilcox.test(w$weight.after, w$weight.before, paired = TRUE))
    nz <- diff[diff != 0]
    r <- rank(abs(nz))
    tp <- sum(r[nz > 0]); tm <- sum(r[nz < 0])
    add(paste0(base, "/test/test"), "Wilcoxon signed-rank", "the test asked for or the auto rule")
    add(paste0(base, "/test/statistic"), unname(wt$statistic), paste(rver, "wilcox.test paired"))
    add(paste0(base, "/test/p_value"), wt$p.value, paste(rver, "wilcox.test paired"))
    add(paste0(base, "/test/effect/value"), (tp - tm) / (tp + tm), paste(rver, "rank of |d|"))
  }
}
paired_table(0, a, "auto")
paired_table(1, a[a$treatment == "cbt", ], "auto")
paired_table(2, a[a$treatment == "family", ], "auto")
paired_table(3, a[a$treatment == "control", ], "paired-t")
paired_table(4, a[a$treatment == "control", ], "wilcoxon")

dir.create(dirname(out_file), showWarnings = FALSE, recursive = TRUE)
json <- paste0("{\"generator\":\"scripts/stats/make_design_examples_fixture.R\",",
               "\"protocols\":{\"birthweight\":\"examples/birthweight-study/protocol.toml\",",
               "\"anorexia\":\"examples/anorexia-paired-study/protocol.toml\"},\"entries\":",
               to_json(entries), "}\n")
writeLines(json, out_file, sep = "")
cat("wrote", length(entries), "entries to", out_file, "\n")
