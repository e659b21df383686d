#!/usr/bin/env Rscript
# Writes crates/neuronutri-study/test_data/survival/reference.json: what R's survival package
# computes for the survival tables of examples/veteran-survival-study/protocol.toml, each value
# with the JSON pointer of the same number in the study's report.json, so the Rust test checks
# the whole path (protocol -> CSV -> event coding -> dummy coding -> fit -> report) against R:
#
#   - table2 (by treatment arm) and table3 (by cell type): survfit(Surv(time, status) ~ group)
#     (conf.type "log", Greenwood): n, events, every step's S, std.err, lower, upper, the
#     median and its CI (summary(fit)$table); summary(fit, times = risk_times, extend = TRUE):
#     n.risk, surv, lower, upper; survdiff: observed, expected, variance, chisq, df, p;
#   - table2-cox: coxph(Surv(time, status) ~ treatment + celltype + karno + age + prior,
#     celltype's reference "large", ties = "efron", eps = 1e-12, toler.chol = 1e-13) +
#     summary.coxph; table2-ph: cox.zph(fit) (transform "km").
#
# Tolerances: 1e-9 relative for Kaplan–Meier and log-rank (exact), 1e-8 for Cox and cox.zph
# (R's eps = 1e-12 on the relative change of the log partial likelihood; see
# crates/neuronutri-stats/tests/reference_survival.rs).
#
#     Rscript scripts/stats/make_survival_report_fixture.R
suppressPackageStartupMessages(library(survival))
source("scripts/stats/regression_helpers.R")
out_file <- "crates/neuronutri-study/test_data/survival/reference.json"
dir.create(dirname(out_file), showWarnings = FALSE, recursive = TRUE)

d <- read.csv("examples/veteran-survival-study/cohort.csv")
d$treatment <- factor(d$treatment, levels = c("standard", "test"))
d$celltype <- factor(d$celltype, levels = c("squamous", "smallcell", "adeno", "large"))
d$prior <- factor(d$prior, levels = c("no", "yes"))

entries <- list()
add <- function(pointer, expected, reference, rel = 1e-9) {
  entries[[length(entries) + 1]] <<- list(pointer = pointer, expected = expected,
                                          reference = reference, tol = list(rel = rel))
}
ver <- paste0("R ", getRversion(), " survival ", packageVersion("survival"))

km_entries <- function(table, risk_table, group, risk_times) {
  fit <- survfit(Surv(time, status) ~ g, data = data.frame(time = d$time, status = d$status,
                                                            g = d[[group]]))
  tab <- summary(fit)$table
  ref <- paste(ver, "survfit")
  for (i in seq_along(levels(d[[group]]))) {
    f <- fit[i]
    base <- sprintf("/tables/%d/results/groups/%d/km", table, i - 1)
    add(paste0(base, "/n"), as.integer(tab[i, "records"]), ref)
    add(paste0(base, "/events"), as.integer(tab[i, "events"]), ref)
    add(paste0(base, "/median"), unname(tab[i, "median"]), ref)
    add(paste0(base, "/median_ci/0"), unname(tab[i, "0.95LCL"]), ref)
    add(paste0(base, "/median_ci/1"), unname(tab[i, "0.95UCL"]), ref)
    for (k in seq_along(f$time)) {
      p <- sprintf("%s/steps/%d", base, k - 1)
      add(paste0(p, "/time"), f$time[k], ref)
      add(paste0(p, "/n_risk"), as.integer(f$n.risk[k]), ref)
      add(paste0(p, "/surv"), f$surv[k], ref)
      if (is.finite(f$std.err[k])) add(paste0(p, "/std_err"), f$std.err[k], ref)
      add(paste0(p, "/lower"), f$lower[k], ref)
      add(paste0(p, "/upper"), f$upper[k], ref)
    }
    if (!is.null(risk_times)) {
      sm <- summary(f, times = risk_times, extend = TRUE)
      for (k in seq_along(risk_times)) {
        p <- sprintf("/tables/%d/results/groups/%d/rows/%d", risk_table, i - 1, k - 1)
        add(paste0(p, "/n_risk"), as.integer(sm$n.risk[k]), paste(ver, "summary.survfit(times)"))
        add(paste0(p, "/surv"), sm$surv[k], paste(ver, "summary.survfit(times)"))
        add(paste0(p, "/lower"), sm$lower[k], paste(ver, "summary.survfit(times)"))
        add(paste0(p, "/upper"), sm$upper[k], paste(ver, "summary.survfit(times)"))
      }
    }
  }
  sd <- survdiff(Surv(time, status) ~ d[[group]], data = d)
  ref <- paste(ver, "survdiff")
  base <- sprintf("/tables/%d/results/log_rank", table)
  add(paste0(base, "/chi2"), sd$chisq, ref)
  add(paste0(base, "/df"), as.integer(length(sd$n) - 1), ref)
  add(paste0(base, "/p_value"), sd$pvalue, ref)
  for (i in seq_along(sd$n)) {
    p <- sprintf("%s/groups/%d", base, i - 1)
    add(paste0(p, "/n"), as.integer(sd$n[i]), ref)
    add(paste0(p, "/observed"), as.integer(sd$obs[i]), ref)
    add(paste0(p, "/expected"), sd$exp[i], ref)
    add(paste0(p, "/variance"), sd$var[i, i], ref)
  }
}
# table1 is the characteristics table (index 0); table2 its survival table (1), risk table
# (2), Cox (3) and proportional-hazards (4) tables; table3 (5) and its risk table (6).
km_entries(1, 2, "treatment", c(0, 100, 200, 300, 400, 500, 600))
km_entries(5, NULL, "celltype", NULL)

dc <- d
dc$celltype <- relevel(dc$celltype, ref = "large")
fit <- coxph(Surv(time, status) ~ treatment + celltype + karno + age + prior, data = dc,
             ties = "efron", control = coxph.control(eps = 1e-12, toler.chol = 1e-13,
                                                      iter.max = 100))
s <- summary(fit)
co <- s$coefficients
ci <- s$conf.int
ref <- paste(ver, "coxph(ties = \"efron\", eps = 1e-12) + summary.coxph")
base <- "/tables/3/results/fit"
for (j in seq_len(nrow(co))) {
  p <- sprintf("%s/coefficients/%d", base, j - 1)
  add(paste0(p, "/name"), rownames(co)[j], "R model.matrix column name")
  add(paste0(p, "/estimate"), co[j, "coef"], ref, 1e-8)
  add(paste0(p, "/std_error"), co[j, "se(coef)"], ref, 1e-8)
  add(paste0(p, "/z"), co[j, "z"], ref, 1e-8)
  add(paste0(p, "/p_value"), co[j, "Pr(>|z|)"], ref, 1e-8)
  add(paste0(p, "/hazard_ratio"), co[j, "exp(coef)"], ref, 1e-8)
  add(paste0(p, "/hr_ci/0"), ci[j, "lower .95"], ref, 1e-8)
  add(paste0(p, "/hr_ci/1"), ci[j, "upper .95"], ref, 1e-8)
}
add(paste0(base, "/n"), as.integer(fit$n), ref)
add(paste0(base, "/events"), as.integer(fit$nevent), ref)
add(paste0(base, "/loglik/0"), fit$loglik[1], ref, 1e-8)
add(paste0(base, "/loglik/1"), fit$loglik[2], ref, 1e-8)
add(paste0(base, "/lr/chi2"), unname(s$logtest["test"]), ref, 1e-8)
add(paste0(base, "/lr/df"), as.integer(s$logtest["df"]), ref)
add(paste0(base, "/lr/p_value"), unname(s$logtest["pvalue"]), ref, 1e-8)
add(paste0(base, "/wald/chi2"), fit$wald.test, ref, 1e-8)
add(paste0(base, "/wald/p_value"), unname(s$waldtest["pvalue"]), ref, 1e-8)
add(paste0(base, "/score/chi2"), fit$score, ref, 1e-8)
add(paste0(base, "/score/p_value"), unname(s$sctest["pvalue"]), ref, 1e-8)
zph <- cox.zph(fit)$table
ref <- paste(ver, "cox.zph(transform = \"km\")")
for (k in seq_len(nrow(zph))) {
  p <- sprintf("/tables/4/results/zph/rows/%d", k - 1)
  add(paste0(p, "/term"), rownames(zph)[k], ref)
  add(paste0(p, "/test/chi2"), zph[k, "chisq"], ref, 1e-8)
  add(paste0(p, "/test/df"), as.integer(zph[k, "df"]), ref)
  add(paste0(p, "/test/p_value"), zph[k, "p"], ref, 1e-8)
}

json <- paste0("{\"generator\":\"scripts/stats/make_survival_report_fixture.R\",\"r_version\":",
               str_json(as.character(getRversion())), ",\"survival_version\":",
               str_json(as.character(packageVersion("survival"))),
               ",\"entries\":", to_json(entries), "}\n")
writeLines(json, out_file, sep = "")
cat("wrote", length(entries), "entries to", out_file, "\n")
