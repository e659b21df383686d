#!/usr/bin/env Rscript
# Writes crates/neuronutri-stats/test_data/reference_survival.json: the reference values of the
# survival kernels of issue 13 item 4, from R's `survival` package itself:
#
#   - Kaplan–Meier: survfit(Surv(time, status) ~ group) with its defaults (conf.type = "log",
#     Greenwood variance, conf.int = 0.95, and one case at 0.90): per stratum the times,
#     n.risk, n.event, n.censor, surv, std.err (the standard error of the cumulative hazard,
#     i.e. of −log S), lower and upper; the median and its interval as print.survfit shows
#     them (summary(fit)$table); the number at risk and S at chosen times (summary(fit, times));
#   - log-rank: survdiff(rho = 0), 2 to 4 groups: N, observed, expected, variance diagonal,
#     chisq, df, p;
#   - Cox: coxph(ties = "efron", control = coxph.control(eps = 1e-12, toler.chol = 1e-13, iter.max = 100)) +
#     summary.coxph (coef, exp(coef), se, z, p, 95 % interval of the hazard ratio, the
#     log-likelihoods, likelihood-ratio, Wald and score tests; the Wald and score statistics
#     from fit$wald.test and fit$score, as summary rounds them to two decimals), factors in treatment coding
#     against a chosen reference, rows with a missing value dropped;
#   - the proportional-hazards test: cox.zph(fit) with its defaults (transform = "km",
#     terms = TRUE, global = TRUE): chisq, df, p per term and GLOBAL.
#
# Needs Debian's r-base-core and r-cran-survival (R 4.2.2, survival 3.5-3 when written). The
# data are those shipped with survival (lung, veteran, aml; LGPL-2+) and two small hand-made
# samples with ties, a survival curve that sits exactly at 0.5 and one that reaches 0:
#
#     Rscript scripts/stats/make_fixtures_survival.R      # about a second
suppressPackageStartupMessages(library(survival))

out_file <- "crates/neuronutri-stats/test_data/reference_survival.json"
source("scripts/stats/regression_helpers.R")

num_or_null <- function(x) if (is.null(x) || length(x) == 0) NA else x

# --- Kaplan–Meier, median, risk table ------------------------------------------------------------
km_cases <- list()
km_case <- function(name, time, status, group = NULL, level = 0.95, risk_times = NULL) {
  g <- if (is.null(group)) rep("all", length(time)) else as.character(group)
  ok <- !is.na(time) & !is.na(status) & !is.na(g)
  d <- data.frame(time = time[ok], status = status[ok], g = g[ok])
  fit <- survfit(Surv(time, status) ~ g, data = d, conf.int = level)
  tab <- summary(fit)$table
  if (is.null(dim(tab))) tab <- matrix(tab, nrow = 1, dimnames = list(NULL, names(tab)))
  labels <- sort(unique(d$g))
  strata <- list()
  for (i in seq_along(labels)) {
    f <- fit[i]
    s <- list(
      label = labels[i],
      time = arr(f$time), n_risk = arr(f$n.risk), n_event = arr(f$n.event),
      n_censor = arr(f$n.censor), surv = arr(f$surv), std_err = arr(f$std.err),
      lower = arr(f$lower), upper = arr(f$upper),
      median = unname(tab[i, "median"]),
      median_lower = unname(tab[i, grep("LCL", colnames(tab))]),
      median_upper = unname(tab[i, grep("UCL", colnames(tab))])
    )
    if (!is.null(risk_times)) {
      sm <- summary(f, times = risk_times, extend = TRUE)
      s$risk_times <- arr(risk_times)
      s$risk_n <- arr(sm$n.risk)
      s$risk_surv <- arr(sm$surv)
      s$risk_lower <- arr(sm$lower)
      s$risk_upper <- arr(sm$upper)
    }
    strata[[i]] <- s
  }
  km_cases[[length(km_cases) + 1]] <<- list(
    name = name, level = level, time = arr(time),
    status = arr(status), group = if (is.null(group)) NULL else arr(as.character(group)),
    reference = paste0("R ", getRversion(), " survival ", packageVersion("survival"),
                       " survfit(conf.type = \"log\") + summary.survfit"),
    strata = strata
  )
}

lung <- survival::lung
veteran <- survival::veteran
aml <- survival::aml
km_case("aml-by-x", aml$time, aml$status, aml$x, risk_times = c(0, 10, 20, 40, 60))
km_case("lung-all", lung$time, lung$status - 1, risk_times = c(0, 100, 365, 730, 1000))
km_case("lung-by-sex", lung$time, lung$status - 1, lung$sex, risk_times = c(0, 250, 500, 750, 1000))
km_case("lung-by-sex-90", lung$time, lung$status - 1, lung$sex, level = 0.90)
km_case("veteran-by-celltype", veteran$time, veteran$status, veteran$celltype,
        risk_times = c(0, 100, 200, 400, 600, 999))
# Ties of events and censorings at one time; the curve sits exactly at 0.5 (median averaged)
# and ends at 0 (no interval there).
km_case("ties-to-zero", c(1, 2, 2, 3, 4, 4, 5, 6, 7, 8, 8, 3, 2),
        c(1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1), risk_times = c(0, 2, 4.5, 8, 9))
km_case("half-exactly", c(1, 2, 3, 4), c(1, 1, 1, 1), risk_times = c(0, 2.5))
km_case("censored-last", c(5, 3, 9, 12, 12, 15, 20), c(1, 0, 1, 1, 0, 1, 0))

# --- log-rank -------------------------------------------------------------------------------------
lr_cases <- list()
lr_case <- function(name, time, status, group) {
  ok <- !is.na(time) & !is.na(status) & !is.na(group)
  g <- factor(as.character(group[ok]))
  sd <- survdiff(Surv(time[ok], status[ok]) ~ g)
  lr_cases[[length(lr_cases) + 1]] <<- list(
    name = name, time = arr(time), status = arr(status), group = arr(as.character(group)),
    reference = paste0("R ", getRversion(), " survival ", packageVersion("survival"),
                       " survdiff(rho = 0)"),
    expected = list(
      levels = arr(levels(g)), n = arr(as.numeric(sd$n)), observed = arr(as.numeric(sd$obs)),
      expected = arr(as.numeric(sd$exp)), variance = arr(diag(sd$var)),
      chisq = sd$chisq, df = length(sd$n) - 1, p_value = sd$pvalue
    )
  )
}
lr_case("aml-by-x", aml$time, aml$status, aml$x)
lr_case("lung-by-sex", lung$time, lung$status - 1, lung$sex)
lr_case("lung-by-ecog", lung$time, lung$status - 1, lung$ph.ecog)
lr_case("veteran-by-celltype", veteran$time, veteran$status, veteran$celltype)
lr_case("veteran-by-trt", veteran$time, veteran$status, veteran$trt)

# --- Cox and cox.zph ------------------------------------------------------------------------------
variable <- function(name, x, reference = NULL) {
  if (is.factor(x)) {
    lev <- levels(x)
    list(name = name, type = "factor", levels = arr(lev),
         reference = if (is.null(reference)) lev[1] else reference,
         values = arr(as.character(x)))
  } else {
    list(name = name, type = "numeric", values = arr(as.numeric(x)))
  }
}
cox_cases <- list()
cox_case <- function(name, data, terms, refs = list()) {
  d <- data
  for (v in names(refs)) d[[v]] <- relevel(d[[v]], ref = refs[[v]])
  f <- as.formula(paste("Surv(time, status) ~", paste(terms, collapse = " + ")))
  fit <- coxph(f, data = d, ties = "efron",
               control = coxph.control(eps = 1e-12, toler.chol = 1e-13, iter.max = 100))
  s <- summary(fit)
  co <- s$coefficients
  ci <- s$conf.int
  zph <- cox.zph(fit)$table
  vars <- trimws(unique(unlist(strsplit(terms, "[*:]"))))
  cox_cases[[length(cox_cases) + 1]] <<- list(
    name = name,
    reference = paste0("R ", getRversion(), " survival ", packageVersion("survival"),
                       " coxph(ties = \"efron\", eps = 1e-12) + summary.coxph; cox.zph(transform = \"km\")"),
    time = arr(data$time), status = arr(data$status),
    variables = lapply(vars, function(v) variable(v, data[[v]], refs[[v]])),
    terms = arr(terms),
    expected = list(
      names = arr(rownames(co)), coef = arr(co[, "coef"]), hr = arr(co[, "exp(coef)"]),
      se = arr(co[, "se(coef)"]), z = arr(co[, "z"]), p_value = arr(co[, "Pr(>|z|)"]),
      lower = arr(ci[, "lower .95"]), upper = arr(ci[, "upper .95"]),
      n = fit$n, events = fit$nevent, loglik = arr(fit$loglik), iterations = fit$iter,
      lr = unname(s$logtest["test"]), lr_df = unname(s$logtest["df"]),
      lr_p = unname(s$logtest["pvalue"]),
      wald = unname(fit$wald.test), wald_p = unname(s$waldtest["pvalue"]),
      score = unname(fit$score), score_p = unname(s$sctest["pvalue"]),
      zph_terms = arr(rownames(zph)), zph_chisq = arr(zph[, "chisq"]),
      zph_df = arr(zph[, "df"]), zph_p = arr(zph[, "p"])
    )
  )
}
lung2 <- data.frame(time = lung$time, status = lung$status - 1, age = lung$age,
                    sex = lung$sex, ecog = factor(lung$ph.ecog), wt_loss = lung$wt.loss)
vet2 <- data.frame(time = veteran$time, status = veteran$status, trt = veteran$trt,
                   celltype = veteran$celltype, karno = veteran$karno, age = veteran$age)
aml2 <- data.frame(time = aml$time, status = aml$status, x = aml$x)
cox_case("lung-age-sex", lung2, c("age", "sex"))
cox_case("lung-ecog-ref1-wtloss", lung2, c("age", "sex", "ecog", "wt_loss"), list(ecog = "1"))
cox_case("veteran-celltype-ref-large", vet2, c("trt", "celltype", "karno"), list(celltype = "large"))
cox_case("veteran-karno-by-trt", vet2, c("age", "karno*trt"))
cox_case("aml-x", aml2, c("x"))

json <- paste0("{\"generator\":\"scripts/stats/make_fixtures_survival.R\",\"r_version\":",
               str_json(as.character(getRversion())), ",\"survival_version\":",
               str_json(as.character(packageVersion("survival"))),
               ",\"kaplan_meier\":", to_json(km_cases),
               ",\"log_rank\":", to_json(lr_cases),
               ",\"cox\":", to_json(cox_cases), "}\n")
writeLines(json, out_file, sep = "")
cat("wrote", length(km_cases), "KM,", length(lr_cases), "log-rank and", length(cox_cases),
    "Cox cases to", out_file, "\n")
