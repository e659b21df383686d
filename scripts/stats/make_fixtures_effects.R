#!/usr/bin/env Rscript
# Writes crates/neuronutri-stats/test_data/reference_effects.json: reference values of the
# effect sizes with confidence intervals of issue 13 item 5, from R itself:
#
#   - Hedges' g (pooled SD) and Cohen's d_z (paired): effectsize::hedges_g / cohens_d, whose
#     interval inverts the noncentral t with optim (Nelder–Mead stopped at 1e-9 in
#     probability, so "iterative"); beside it the same interval solved to 1e-15 with uniroot
#     on R's pt(q, df, ncp) ("exact": limited by pt's own series, about 1e-12);
#   - the rank-biserial correlation: effectsize::rank_biserial (a closed form: "exact");
#   - Cramér's V: effectsize::cramers_v with its defaults (adjust = TRUE, alternative =
#     "greater") and adjust = FALSE / two-sided; beside it uniroot on pchisq(q, df, ncp);
#   - η² of a one-way ANOVA: effectsize::eta_squared(aov(y ~ g)) with its default
#     (alternative = "greater") and two-sided; beside it uniroot on pf(q, df1, df2, ncp)
#     (R's pnbeta sums its series to 1e-9: "iterative"); and effectsize(oneway.test(y ~ g)),
#     the approximate η² of Welch's ANOVA from its F and degrees of freedom;
#   - the odds ratio of fisher.test with its conditional interval (R's uniroot at its
#     default tolerance, about 1e-4: "iterative") and the same ends solved to 1e-15 in
#     log(odds ratio) from the noncentral hypergeometric probabilities as fisher.test
#     defines them;
#   - the mean difference interval of t.test (Welch and Student, paired) and the
#     Hodges–Lehmann interval of wilcox.test(conf.int = TRUE): exact without ties and below
#     50 values; with ties its asymptotic interval, R's own (uniroot, tolerance 1e-4:
#     "iterative") and the jump of R's step function located over all pairwise differences
#     ("exact");
#   - the pseudo-median of paired differences with its interval, wilcox.test(paired = TRUE,
#     conf.int = TRUE): exact when R is; otherwise R's own (uniroot at tolerance 1e-4:
#     "iterative") and the jump of its step function located over the Walsh averages;
#   - Cohen's g of a paired 2×2 table (effectsize::cohens_g, which effectsize(mcnemar.test())
#     returns) with its Wilson score interval (prop.test without correction: "exact");
#   - the rank epsilon-squared of Kruskal–Wallis, effectsize::rank_epsilon_squared: H/(n − 1)
#     ("exact") and its percentile bootstrap interval with 20000 resamples (Monte Carlo);
#   - the standardized mean differences of tableone's print(..., smd = TRUE), computed here
#     from their formulas (tableone is not in Debian): numeric (m1 − m2) / √((s1² + s2²)/2);
#     categorical Yang & Dalton (2012) √((T − C)' S⁻¹ (T − C)) over the levels but the first,
#     S = (S_T + S_C)/2 with S_kk = p_k(1 − p_k), S_kl = −p_k p_l; with more than two groups
#     the mean of the pairwise values.
#
# Each level is run at 0.95 and 0.90. Data: R's datasets (sleep, mtcars, ToothGrowth,
# PlantGrowth, InsectSprays, warpbreaks, esoph; MASS's anorexia) and small hand-made samples (ties, n = 3).
# Needs Debian's r-base-core, r-cran-effectsize (effectsize 0.8.3 when written) and r-cran-boot
# (boot 1.3-28.1, for the bootstrap of the rank epsilon-squared):
#
#     Rscript scripts/stats/make_fixtures_effects.R      # a few seconds
suppressPackageStartupMessages(library(effectsize))
source("scripts/stats/regression_helpers.R")
out_file <- "crates/neuronutri-stats/test_data/reference_effects.json"

cases <- list()
add <- function(x) cases[[length(cases) + 1]] <<- x
levels_ <- c(0.95, 0.90)

adjust_level <- function(level, alt) if (alt == "two.sided") level else 2 * level - 1
limit <- function(ci, alt, lb, ub) {
  if (alt == "less") ci[1] <- lb
  if (alt == "greater") ci[2] <- ub
  ci
}
root <- function(f, lo, hi) {
  # widen until the sign changes, then solve to the last bits
  while (sign(f(lo)) == sign(f(hi))) { w <- hi - lo; lo <- lo - w; hi <- hi + w }
  uniroot(f, c(lo, hi), tol = 1e-15, maxiter = 10000)$root
}
ncp_t <- function(t, df, level) {
  a <- 1 - level
  c(root(function(d) pt(t, df, d) - (1 - a / 2), t - 1, t + 1),
    root(function(d) pt(t, df, d) - a / 2, t - 1, t + 1))
}
ncp_pos <- function(cdf, start, level) {
  a <- 1 - level
  one <- function(target) {
    if (cdf(0) <= target) return(0)
    hi <- max(start, 1)
    while (cdf(hi) > target) hi <- 2 * hi
    uniroot(function(l) cdf(l) - target, c(0, hi), tol = 1e-15, maxiter = 10000)$root
  }
  c(one(1 - a / 2), one(a / 2))
}

# The asymptotic interval of wilcox.test(conf.int = TRUE): R solves wdiff(d) = 0 (its
# normal-approximation statistic of x - d against y, minus the quantile) with uniroot at
# tol 1e-4; wdiff is a step function jumping at the pairwise differences, so the exact root
# is the difference where it turns non-positive, found here over all sorted differences.
wdiff_r <- function(x, y, d, zq, alt) {
  dr <- rank(c(x - d, y)); nt <- table(dr); nx <- length(x); ny <- length(y)
  dz <- sum(dr[seq_along(x)]) - nx * (nx + 1) / 2 - nx * ny / 2
  corr <- switch(alt, two.sided = sign(dz) * 0.5, greater = 0.5, less = -0.5)
  sigma <- sqrt((nx * ny / 12) * ((nx + ny + 1) - sum(nt^3 - nt) / ((nx + ny) * (nx + ny - 1))))
  (dz - corr) / sigma - zq
}
shift_jumps <- function(x, y, level, alt) {
  dd <- sort(outer(x, y, "-"))
  after <- c((dd[-1] + dd[-length(dd)]) / 2, max(x) - min(y))
  one <- function(zq) {
    if (wdiff_r(x, y, min(x) - max(y), zq, alt) <= 0) return(min(x) - max(y))
    if (wdiff_r(x, y, max(x) - min(y), zq, alt) >= 0) return(max(x) - min(y))
    v <- vapply(after, function(d) wdiff_r(x, y, d, zq, alt), 0)
    dd[which(v <= 0)[1]]
  }
  a <- 1 - level
  switch(alt, two.sided = c(one(qnorm(a / 2, lower.tail = FALSE)), one(qnorm(a / 2))),
         greater = c(one(qnorm(a, lower.tail = FALSE)), Inf), less = c(-Inf, one(qnorm(a))))
}

# --- two samples: Hedges' g, rank-biserial, mean difference, Hodges–Lehmann ------------------
two <- list(
  sleep = list(sleep$extra[sleep$group == 1], sleep$extra[sleep$group == 2]),
  mtcars_mpg_am = list(mtcars$mpg[mtcars$am == 0], mtcars$mpg[mtcars$am == 1]),
  toothgrowth = list(ToothGrowth$len[ToothGrowth$supp == "OJ"], ToothGrowth$len[ToothGrowth$supp == "VC"]),
  small_n = list(c(5.1, 4.9, 6.2), c(7.3, 6.8, 8.1, 7.7)),
  ties_unequal = list(c(3, 4, 4, 5, 5, 5, 6, 7, 2, 4), c(5, 6, 6, 7, 7, 8, 4, 5, 6, 9, 10, 6, 7, 5)),
  no_ties_small = list(c(1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30),
                       c(0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29))
)
for (nm in names(two)) {
  x <- two[[nm]][[1]]; y <- two[[nm]][[2]]
  for (level in levels_) for (alt in c("two.sided", "greater", "less")) {
    g <- hedges_g(x, y, ci = level, alternative = alt)
    st <- t.test(x, y, var.equal = TRUE)
    m <- length(x) + length(y) - 2
    J <- exp(lgamma(m / 2) - log(sqrt(m / 2)) - lgamma((m - 1) / 2))
    ex <- limit(ncp_t(unname(st$statistic), m, adjust_level(level, alt)) *
                  sqrt(1 / length(x) + 1 / length(y)) * J, alt, -Inf, Inf)
    add(list(kind = "hedges_g", name = nm, x = arr(x), y = arr(y), level = level, alternative = alt,
             estimate = g$Hedges_g, effectsize_ci = arr(c(g$CI_low, g$CI_high)), exact_ci = arr(ex)))
    rb <- rank_biserial(x, y, ci = level, alternative = alt)
    add(list(kind = "rank_biserial", name = nm, x = arr(x), y = arr(y), level = level, alternative = alt,
             estimate = rb$r_rank_biserial, ci = arr(c(rb$CI_low, rb$CI_high))))
  }
  for (level in levels_) {
    w <- t.test(x, y, conf.level = level)
    s <- t.test(x, y, conf.level = level, var.equal = TRUE)
    add(list(kind = "mean_diff", name = nm, x = arr(x), y = arr(y), level = level,
             welch_ci = arr(as.numeric(w$conf.int)), student_ci = arr(as.numeric(s$conf.int))))
    if (!any(duplicated(c(x, y))) && length(x) < 50 && length(y) < 50) {
      hl <- wilcox.test(x, y, conf.int = TRUE, conf.level = level)
      add(list(kind = "hodges_lehmann", name = nm, x = arr(x), y = arr(y), level = level,
               estimate = unname(hl$estimate), ci = arr(as.numeric(hl$conf.int))))
    } else {
      for (alt in c("two.sided", "greater", "less")) {
        hl <- suppressWarnings(wilcox.test(x, y, conf.int = TRUE, conf.level = level, alternative = alt))
        add(list(kind = "hodges_lehmann_asymptotic", name = nm, x = arr(x), y = arr(y), level = level,
                 alternative = alt, r_ci = arr(as.numeric(hl$conf.int)),
                 jump_ci = arr(shift_jumps(x, y, level, alt))))
      }
    }
  }
}

# --- paired: d_z, rank-biserial (signed rank), mean change -------------------------------------
pairs_ <- list(
  sleep = list(sleep$extra[sleep$group == 2], sleep$extra[sleep$group == 1]),  # one zero change
  small = list(c(4.2, 5.0, 6.1, 5.5, 4.8), c(3.9, 5.3, 6.0, 4.4, 5.0)),
  ties_zero = list(c(10, 12, 11, 14, 13, 12, 15, 11, 12, 16, 13, 12), c(11, 12, 10, 12, 14, 10, 13, 12, 10, 13, 12, 11)),
  anorexia_cbt = with(MASS::anorexia[MASS::anorexia$Treat == "CBT", ], list(Postwt, Prewt))
)
for (nm in names(pairs_)) {
  x <- pairs_[[nm]][[1]]; y <- pairs_[[nm]][[2]]
  for (level in levels_) for (alt in c("two.sided", "greater")) {
    d <- cohens_d(x, y, paired = TRUE, ci = level, alternative = alt)
    st <- t.test(x, y, paired = TRUE)
    n <- length(x)
    ex <- limit(ncp_t(unname(st$statistic), n - 1, adjust_level(level, alt)) * sqrt(1 / n), alt, -Inf, Inf)
    add(list(kind = "cohens_dz", name = nm, x = arr(x), y = arr(y), level = level, alternative = alt,
             estimate = d$Cohens_d, effectsize_ci = arr(c(d$CI_low, d$CI_high)), exact_ci = arr(ex)))
    rb <- suppressWarnings(rank_biserial(x, y, paired = TRUE, ci = level, alternative = alt))
    add(list(kind = "rank_biserial_paired", name = nm, x = arr(x), y = arr(y), level = level,
             alternative = alt, estimate = rb$r_rank_biserial, ci = arr(c(rb$CI_low, rb$CI_high))))
  }
  for (level in levels_) {
    p <- t.test(x, y, paired = TRUE, conf.level = level)
    add(list(kind = "mean_change", name = nm, x = arr(x), y = arr(y), level = level,
             estimate = unname(p$estimate), ci = arr(as.numeric(p$conf.int))))
  }
}

# --- paired: pseudo-median of the differences (wilcox.test(x, y, paired = TRUE, conf.int = TRUE))
# Exact (no ties, no zeros, below 50): the Walsh-average order statistics, "exact". Otherwise R
# solves W(d) = zq (its normal statistic of the non-zero differences minus d) with uniroot at
# tol 1e-4 ("iterative"); W is a step function jumping at the Walsh averages, so the exact
# root is the Walsh average where it turns non-positive, found here over all of them.
w_signed <- function(x, d, zq, alt, correct = TRUE) {
  xd <- x - d; xd <- xd[xd != 0]; nx <- length(xd)
  dr <- rank(abs(xd)); nt <- table(dr)
  zd <- sum(dr[xd > 0]) - nx * (nx + 1) / 4
  corr <- if (!correct) 0 else switch(alt, two.sided = sign(zd) * 0.5, greater = 0.5, less = -0.5)
  (zd - corr) / sqrt(nx * (nx + 1) * (2 * nx + 1) / 24 - sum(nt^3 - nt) / 48) - zq
}
# R's estimate is the root of the uncorrected statistic; where that is 0 on a whole step
# between two Walsh averages (uniroot stops anywhere on it) the reference takes the middle
# of the step and records its ends.
walsh_jumps <- function(x, level, alt, ci_level) {
  x <- x[x != 0]
  w <- outer(x, x, "+"); w <- unique(sort(w[!lower.tri(w)] / 2))
  after <- c((w[-1] + w[-length(w)]) / 2, max(x))
  one <- function(zq, correct = TRUE) {
    if (w_signed(x, min(x), zq, alt, correct) <= 0) return(min(x))
    if (w_signed(x, max(x), zq, alt, correct) >= 0) return(max(x))
    v <- vapply(after, function(d) w_signed(x, d, zq, alt, correct), 0)
    i <- which(v <= 0)[1]
    if (!correct && v[i] == 0 && i < length(w)) c(w[i], w[i + 1]) else w[i]
  }
  a <- 1 - ci_level  # the level R reached (its alpha doubling), as wilcox.test reports it
  est <- one(0, FALSE)
  list(estimate = mean(est), step = est,
       ci = if (a >= 1) limit(rep(median(x), 2), alt, -Inf, Inf) else switch(alt, two.sided = c(one(qnorm(a / 2, lower.tail = FALSE)), one(qnorm(a / 2))),
                   greater = c(one(qnorm(a, lower.tail = FALSE)), Inf), less = c(-Inf, one(qnorm(a)))))
}
pm_pairs <- c(pairs_, list(
  exact_n12 = list(c(8.21, 7.05, 9.93, 6.48, 10.12, 7.77, 8.64, 9.31, 5.96, 8.88, 7.42, 9.57),
                   c(7.45, 7.33, 8.01, 6.02, 9.15, 7.98, 7.36, 8.06, 6.21, 7.74, 6.69, 8.30)),
  asymptotic_n60 = list(60 + sin(1:60) * 7 + (1:60) / 9, 60 + cos(1:60) * 5),
  exact_n5_level_lowered = list(c(1.3, 2.9, 0.4, 3.8, 2.2), c(0.2, 1.1, 0.9, 1.5, 0.1)),
  ties_n6_level_lowered = list(c(3, 5, 4, 6, 2, 7), c(1, 3, 2, 4, 0, 6))
))
for (nm in names(pm_pairs)) {
  x <- pm_pairs[[nm]][[1]]; y <- pm_pairs[[nm]][[2]]
  for (level in levels_) for (alt in c("two.sided", "greater", "less")) {
    w <- suppressWarnings(wilcox.test(x, y, paired = TRUE, conf.int = TRUE, conf.level = level,
                                      alternative = alt))
    exact <- grepl("exact", w$method)
    case <- list(kind = if (exact) "pseudo_median" else "pseudo_median_asymptotic", name = nm,
                 x = arr(x), y = arr(y), level = level, alternative = alt,
                 estimate = unname(w$estimate), ci = arr(as.numeric(w$conf.int)),
                 ci_level = attr(w$conf.int, "conf.level"))
    if (!exact) {
      j <- walsh_jumps(x - y, level, alt, attr(w$conf.int, "conf.level"))
      case$jump_estimate <- j$estimate
      case$estimate_step <- arr(range(j$step))
      case$jump_ci <- arr(j$ci)
    }
    add(case)
  }
}

# --- McNemar: Cohen's g (effectsize's effect size of mcnemar.test), Wilson interval: "exact" --
mcnemar_tables <- list(
  textbook = matrix(c(794, 86, 150, 570), 2),
  small = matrix(c(10, 3, 12, 20), 2),
  one_sided_empty = matrix(c(5, 0, 7, 9), 2),
  balanced = matrix(c(4, 6, 6, 4), 2)
)
for (nm in names(mcnemar_tables)) {
  tab <- mcnemar_tables[[nm]]
  stopifnot(names(effectsize(mcnemar.test(tab)))[1] == "Cohens_g")
  for (level in levels_) for (alt in c("two.sided", "greater", "less")) {
    g <- cohens_g(tab, ci = level, alternative = alt)
    add(list(kind = "cohens_g", name = nm, table = list(arr(tab[1, ]), arr(tab[2, ])),
             level = level, alternative = alt, estimate = g$Cohens_g,
             ci = arr(c(g$CI_low, g$CI_high))))
  }
}

# --- Kruskal–Wallis: rank epsilon-squared, effectsize::rank_epsilon_squared -------------------
# The estimate H / (n - 1) is closed ("exact"); effectsize's interval is a percentile
# bootstrap (resampling within groups, boot.ci type "perc"), here with 20000 resamples and a
# fixed seed so that it is a reference up to Monte Carlo error; the test allows four standard
# errors of a bootstrap quantile, from the SD of the resampled values recorded here.
set.seed(20261203)
kw_cases <- list(
  plantgrowth = split(PlantGrowth$weight, PlantGrowth$group),
  insectsprays = split(InsectSprays$count, InsectSprays$spray),
  airquality_ozone = lapply(split(airquality$Ozone, airquality$Month), function(v) v[!is.na(v)]),
  chickwts = split(chickwts$weight, chickwts$feed)
)
for (nm in names(kw_cases)) {
  g <- unname(kw_cases[[nm]])
  d <- data.frame(x = unlist(g), groups = factor(rep(seq_along(g), lengths(g))))
  for (level in levels_) for (alt in c("greater", "two.sided")) {
    e <- rank_epsilon_squared(d$x, d$groups, ci = level, alternative = alt, iterations = 20000)
    # the SD of the bootstrap distribution, for the Monte Carlo tolerance
    b <- replicate(2000, {
      r <- unlist(lapply(g, function(v) sample(v, replace = TRUE)))
      unname(kruskal.test(r, d$groups)$statistic) / (length(r) - 1)
    })
    add(list(kind = "rank_epsilon_squared", name = nm, groups = lapply(g, arr), level = level,
             alternative = alt, estimate = e$rank_epsilon_squared,
             boot_ci = arr(c(e$CI_low, e$CI_high)), boot_resamples = 20000, boot_sd = sd(b)))
  }
}

# --- Cramér's V -----------------------------------------------------------------------------
tables <- list(
  two_by_two = matrix(c(12, 5, 7, 16), 2),
  two_by_two_small = matrix(c(3, 1, 1, 3), 2),
  cyl_gear = unclass(table(mtcars$cyl, mtcars$gear)),
  haireye = unclass(margin.table(HairEyeColor, c(1, 2))),
  weak_3x2 = matrix(c(20, 22, 19, 21, 18, 23), 3)
)
for (nm in names(tables)) {
  tab <- tables[[nm]]; dimnames(tab) <- NULL
  n <- sum(tab); nr <- nrow(tab); nc <- ncol(tab)
  chi <- suppressWarnings(chisq.test(tab, correct = FALSE))$statistic
  df <- (nr - 1) * (nc - 1)
  for (level in levels_) for (adj in c(TRUE, FALSE)) for (alt in c("greater", "two.sided")) {
    v <- suppressWarnings(cramers_v(tab, adjust = adj, ci = level, alternative = alt))
    l <- ncp_pos(function(l) pchisq(chi, df, l), chi, adjust_level(level, alt))
    E <- df / (n - 1)
    k <- if (adj) nr - (nr - 1)^2 / (n - 1) else nr
    k2 <- if (adj) nc - (nc - 1)^2 / (n - 1) else nc
    V <- function(c2) (if (adj) sqrt(pmax(0, c2 / n - E)) else sqrt(c2 / n)) / sqrt(min(k, k2) - 1)
    ex <- limit(c(V(l[1]), min(V(l[2]), 1)), alt, 0, 1)
    add(list(kind = "cramers_v", name = nm, table = lapply(seq_len(nr), function(i) arr(tab[i, ])),
             adjust = adj, level = level, alternative = alt, estimate = v[[1]],
             effectsize_ci = arr(c(v$CI_low, v$CI_high)), exact_ci = arr(ex)))
  }
}

# --- η² of a one-way ANOVA ------------------------------------------------------------------
anovas <- list(
  plantgrowth = PlantGrowth[, c("weight", "group")],
  insectsprays = data.frame(weight = InsectSprays$count, group = InsectSprays$spray),
  warpbreaks_tension = data.frame(weight = warpbreaks$breaks, group = warpbreaks$tension),
  weak = data.frame(weight = c(5.1, 4.8, 5.5, 5.0, 4.9, 5.3, 5.2, 5.0, 4.7, 5.4, 5.1, 4.9),
                    group = factor(rep(c("a", "b", "c"), each = 4)))
)
for (nm in names(anovas)) {
  d <- anovas[[nm]]
  fit <- aov(weight ~ group, data = d)
  tab <- summary(fit)[[1]]
  f <- tab[1, "F value"]; df1 <- tab[1, "Df"]; df2 <- tab[2, "Df"]
  groups <- lapply(split(d$weight, d$group), function(v) arr(v))
  ow <- oneway.test(weight ~ group, data = d)
  for (level in levels_) {
    # effectsize(oneway.test(var.equal = FALSE)): F_to_eta2 at Welch's F and df (an approximation)
    e <- suppressMessages(effectsize(ow, ci = level, verbose = FALSE))
    fw <- unname(ow$statistic); d1 <- unname(ow$parameter[1]); d2 <- unname(ow$parameter[2])
    l <- ncp_pos(function(l) pf(fw, d1, d2, l), fw * d1, adjust_level(level, "greater"))
    add(list(kind = "eta_squared_welch", name = nm, groups = unname(groups), f = fw, df1 = d1, df2 = d2,
             level = level, alternative = "greater", estimate = e[[1]][1],
             effectsize_ci = arr(c(e$CI_low[1], e$CI_high[1])), exact_ci = arr(c(l[1] / (l[1] + d2), 1))))
  }
  for (level in levels_) for (alt in c("greater", "two.sided")) {
    e <- suppressMessages(eta_squared(fit, ci = level, alternative = alt, verbose = FALSE))
    l <- ncp_pos(function(l) pf(f, df1, df2, l), f * df1, adjust_level(level, alt))
    ex <- limit(l / (l + df2), alt, 0, 1)
    add(list(kind = "eta_squared", name = nm, groups = unname(groups), f = f, df1 = df1, df2 = df2,
             level = level, alternative = alt, estimate = e$Eta2[1],
             effectsize_ci = arr(c(e$CI_low[1], e$CI_high[1])), exact_ci = arr(ex)))
  }
}

# --- Fisher's odds ratio ----------------------------------------------------------------------
fisher_exact_ci <- function(tab, level, alt) {
  x <- tab[1, 1]; m <- sum(tab[, 1]); n <- sum(tab[, 2]); k <- sum(tab[1, ])
  lo <- max(0L, k - n); hi <- min(k, m); support <- lo:hi
  logdc <- dhyper(support, m, n, k, log = TRUE)
  dn <- function(th) { d <- logdc + th * support; d <- exp(d - max(d)); d / sum(d) }
  upper_p <- function(th) sum(dn(th)[support >= x])
  lower_p <- function(th) sum(dn(th)[support <= x])
  L <- function(a) if (x == lo) 0 else exp(root(function(t) upper_p(t) - a, -1, 1))
  U <- function(a) if (x == hi) Inf else exp(root(function(t) lower_p(t) - a, -1, 1))
  a <- 1 - level
  switch(alt, two.sided = c(L(a / 2), U(a / 2)), less = c(0, U(a)), greater = c(L(a), Inf))
}
ftabs <- list(
  tea = matrix(c(3, 1, 1, 3), 2),
  moderate = matrix(c(12, 5, 7, 16), 2),
  zero_cell = matrix(c(0, 6, 5, 4), 2),
  full_cell = matrix(c(7, 0, 3, 5), 2),
  larger = matrix(c(45, 21, 30, 52), 2)
)
for (nm in names(ftabs)) {
  tab <- ftabs[[nm]]
  for (level in levels_) for (alt in c("two.sided", "greater", "less")) {
    ft <- fisher.test(tab, conf.level = level, alternative = alt)
    add(list(kind = "fisher_or", name = nm, table = list(arr(tab[1, ]), arr(tab[2, ])), level = level,
             alternative = alt, estimate = unname(ft$estimate), r_ci = arr(as.numeric(ft$conf.int)),
             exact_ci = arr(fisher_exact_ci(tab, level, alt))))
  }
}

# --- standardized mean differences (tableone's formulas) -------------------------------------
smd_num <- function(a, b) (mean(a) - mean(b)) / sqrt((var(a) + var(b)) / 2)
smd_cat <- function(a, b, lev) {
  p <- table(factor(a, lev)) / length(a); q <- table(factor(b, lev)) / length(b)
  tt <- as.numeric(p[-1]); cc <- as.numeric(q[-1])
  if (length(tt) == 1) {
    s <- (tt * (1 - tt) + cc * (1 - cc)) / 2
    return(abs(tt - cc) / sqrt(s))
  }
  S <- (diag(tt) - outer(tt, tt) + diag(cc) - outer(cc, cc)) / 2
  dlt <- tt - cc
  sqrt(drop(t(dlt) %*% solve(S) %*% dlt))
}
mean_pairwise <- function(groups, f) {
  pr <- combn(length(groups), 2)
  mean(apply(pr, 2, function(ij) abs(f(groups[[ij[1]]], groups[[ij[2]]]))))
}
smd_numeric_cases <- list(
  mtcars_mpg_am = split(mtcars$mpg, mtcars$am),
  plantgrowth = split(PlantGrowth$weight, PlantGrowth$group),
  insectsprays = split(InsectSprays$count, InsectSprays$spray)
)
for (nm in names(smd_numeric_cases)) {
  g <- unname(lapply(smd_numeric_cases[[nm]], identity))
  add(list(kind = "smd_numeric", name = nm, groups = lapply(g, arr),
           smd = if (length(g) == 2) abs(smd_num(g[[1]], g[[2]])) else mean_pairwise(g, smd_num)))
}
smd_cat_cases <- list(
  vs_am = list(x = mtcars$vs, g = mtcars$am),
  gear_am = list(x = mtcars$gear, g = mtcars$am),
  cyl_gear = list(x = mtcars$cyl, g = mtcars$gear),
  agegp_alcgp = list(x = as.character(esoph$agegp), g = as.character(esoph$alcgp))
)
for (nm in names(smd_cat_cases)) {
  cs <- smd_cat_cases[[nm]]
  lev <- sort(unique(as.character(cs$x)))
  x <- as.character(cs$x)
  g <- split(x, cs$g)
  counts <- lapply(g, function(v) arr(as.numeric(table(factor(v, lev)))))
  f <- function(a, b) smd_cat(a, b, lev)
  add(list(kind = "smd_categorical", name = nm, counts = unname(counts),
           smd = if (length(g) == 2) f(g[[1]], g[[2]]) else mean_pairwise(unname(g), f)))
}

writeLines(paste0("{\"generator\":", str_json(paste("R", getRversion(), "effectsize",
  packageVersion("effectsize"))), ",\"cases\":", to_json(cases), "}"), out_file)
cat(length(cases), "cases written to", out_file, "\n")
