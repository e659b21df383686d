#!/usr/bin/env Rscript
# Writes crates/neuronutri-study/test_data/conf_level/reference.json: R's intervals at a
# protocol's conf_level = 0.9 (issue 13 item 5) for the logistic table of
# examples/heart-disease-study and the survival tables of examples/veteran-survival-study,
# each value with the JSON pointer of the same number in the study's report.json (the report
# run with `conf_level = 0.9` put before the protocol's first line):
#
#   - heart, table2 (logistic): glm(disease ~ age + sex + chest_pain + max_hr + st_depression
#     + vessels, binomial, epsilon = 1e-14, refitted from its own estimates); Wald intervals
#     exp(confint.default(fit, level = 0.9)); profile intervals exp(exact roots of the profile
#     deviance at qnorm(0.95), profile_exact(level = 0.9) in regression_helpers.R); and MASS's
#     confint(fit, level = 0.9) (profile + spline interpolation) with each coefficient's SE,
#     under "confint" (its own accuracy is checked in SE units, see the Rust test);
#   - veteran, table2 (by arm) and table3 (by cell type): survfit(..., conf.int = 0.9): every
#     step's lower and upper bound, the median's CI (summary(fit)$table), and
#     summary(fit, times = risk_times)'s lower and upper; table2-cox: coxph(ties = "efron",
#     eps = 1e-12) + summary(fit, conf.int = 0.9)'s hazard-ratio intervals.
#
# Tolerances: 1e-9 relative for Wald, exact profile ends and Kaplan–Meier (exact references),
# 1e-8 for Cox (R's eps = 1e-12, as in make_survival_report_fixture.R).
#
#     Rscript scripts/stats/make_conf_level_fixture.R
suppressPackageStartupMessages({
  library(MASS)
  library(survival)
})
source("scripts/stats/regression_helpers.R")
out_file <- "crates/neuronutri-study/test_data/conf_level/reference.json"
level <- 0.9

entries <- list()
add <- function(protocol, pointer, expected, reference, rel = 1e-9) {
  entries[[length(entries) + 1]] <<- list(protocol = protocol, pointer = pointer,
                                          expected = expected, reference = reference,
                                          tol = list(rel = rel))
}
confint_entries <- list()

# --- heart: logistic --------------------------------------------------------------------------
d <- read.csv("examples/heart-disease-study/cohort.csv", na.strings = "")
d$sex <- factor(d$sex, levels = c("female", "male"))
d$chest_pain <- factor(d$chest_pain,
                       levels = c("typical", "atypical", "non-anginal", "asymptomatic"))
d$disease <- as.integer(d$disease == "present")
f <- disease ~ age + sex + chest_pain + max_hr + st_depression + vessels
fit <- glm(f, data = d, family = binomial, control = ctl)
fit <- glm(f, data = d, family = binomial, control = ctl, start = coef(fit))
wald <- confint.default(fit, level = level)
pe <- profile_exact(fit, model.matrix(fit), fit$y, level = level)
ci <- suppressMessages(confint(fit, level = level))
se <- sqrt(diag(vcov(fit)))
base <- "/tables/1/results/logistic"
for (i in seq_along(coef(fit))) {
  p <- sprintf("%s/coefficients/%d", base, i - 1)
  add("heart", paste0(p, "/name"), names(coef(fit))[i], "R model.matrix column name")
  add("heart", paste0(p, "/or_wald_ci/0"), exp(wald[i, 1]), "R exp(confint.default(level = 0.9))")
  add("heart", paste0(p, "/or_wald_ci/1"), exp(wald[i, 2]), "R exp(confint.default(level = 0.9))")
  add("heart", paste0(p, "/or_profile_ci/0"), exp(pe[1, i]),
      "R exact profile root at qnorm(0.95) (uniroot 1e-13)")
  add("heart", paste0(p, "/or_profile_ci/1"), exp(pe[2, i]),
      "R exact profile root at qnorm(0.95) (uniroot 1e-13)")
  for (k in 1:2) {
    confint_entries[[length(confint_entries) + 1]] <- list(
      pointer = sprintf("%s/or_profile_ci/%d", p, k - 1), b = unname(ci[i, k]),
      se = unname(se[i]),
      reference = paste0("MASS ", packageVersion("MASS"), " confint(glm, level = 0.9)"))
  }
}

# --- veteran: Kaplan–Meier and Cox ------------------------------------------------------------
v <- read.csv("examples/veteran-survival-study/cohort.csv")
v$treatment <- factor(v$treatment, levels = c("standard", "test"))
v$celltype <- factor(v$celltype, levels = c("squamous", "smallcell", "adeno", "large"))
v$prior <- factor(v$prior, levels = c("no", "yes"))
ver <- paste0("R ", getRversion(), " survival ", packageVersion("survival"))
km_entries <- function(table, risk_table, group, risk_times) {
  km <- survfit(Surv(time, status) ~ g, conf.int = level,
                data = data.frame(time = v$time, status = v$status, g = v[[group]]))
  tab <- summary(km)$table
  ref <- paste(ver, "survfit(conf.int = 0.9)")
  for (i in seq_along(levels(v[[group]]))) {
    f <- km[i]
    b <- sprintf("/tables/%d/results/groups/%d/km", table, i - 1)
    add("veteran", paste0(b, "/median"), unname(tab[i, "median"]), ref)
    add("veteran", paste0(b, "/median_ci/0"), unname(tab[i, "0.9LCL"]), ref)
    add("veteran", paste0(b, "/median_ci/1"), unname(tab[i, "0.9UCL"]), ref)
    for (k in seq_along(f$time)) {
      p <- sprintf("%s/steps/%d", b, k - 1)
      add("veteran", paste0(p, "/time"), f$time[k], ref)
      add("veteran", paste0(p, "/lower"), f$lower[k], ref)
      add("veteran", paste0(p, "/upper"), f$upper[k], ref)
    }
    if (!is.null(risk_times)) {
      sm <- summary(f, times = risk_times, extend = TRUE)
      r <- paste(ver, "summary.survfit(times), conf.int = 0.9")
      for (k in seq_along(risk_times)) {
        p <- sprintf("/tables/%d/results/groups/%d/rows/%d", risk_table, i - 1, k - 1)
        add("veteran", paste0(p, "/lower"), sm$lower[k], r)
        add("veteran", paste0(p, "/upper"), sm$upper[k], r)
      }
    }
  }
}
km_entries(1, 2, "treatment", c(0, 100, 200, 300, 400, 500, 600))
km_entries(5, NULL, "celltype", NULL)
vc <- v
vc$celltype <- relevel(vc$celltype, ref = "large")
cfit <- coxph(Surv(time, status) ~ treatment + celltype + karno + age + prior, data = vc,
              ties = "efron", control = coxph.control(eps = 1e-12, toler.chol = 1e-13,
                                                       iter.max = 100))
cs <- summary(cfit, conf.int = level)$conf.int
ref <- paste(ver, "coxph(ties = \"efron\", eps = 1e-12) + summary(conf.int = 0.9)")
for (j in seq_len(nrow(cs))) {
  p <- sprintf("/tables/3/results/fit/coefficients/%d", j - 1)
  add("veteran", paste0(p, "/name"), rownames(cs)[j], "R model.matrix column name")
  add("veteran", paste0(p, "/hr_ci/0"), unname(cs[j, 3]), ref, 1e-8)
  add("veteran", paste0(p, "/hr_ci/1"), unname(cs[j, 4]), ref, 1e-8)
}
stopifnot(colnames(cs)[3:4] == c("lower .90", "upper .90"))

dir.create(dirname(out_file), showWarnings = FALSE, recursive = TRUE)
json <- paste0("{\"generator\":\"scripts/stats/make_conf_level_fixture.R\",\"r_version\":",
               str_json(as.character(getRversion())), ",\"level\":", level,
               ",\"entries\":", to_json(entries), ",\"confint\":", to_json(confint_entries),
               "}\n")
writeLines(json, out_file, sep = "")
cat("wrote", length(entries), "entries and", length(confint_entries), "confint ends to",
    out_file, "\n")
