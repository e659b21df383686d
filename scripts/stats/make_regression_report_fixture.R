#!/usr/bin/env Rscript
# Writes crates/neuronutri-study/test_data/regression/reference.json: what R computes for the
# regression tables of examples/heart-disease-study/protocol.toml, each value with the JSON
# pointer of the same number in the study's report.json, so the Rust test checks the whole
# path (protocol -> CSV -> dummy coding -> fit -> report) against R:
#
#   - table2 (logistic): glm(disease ~ age + sex + chest_pain + max_hr + st_depression +
#     vessels, binomial) with epsilon = 1e-14, refitted from its own estimates; summary.glm;
#     Wald intervals exp(confint.default); profile intervals exp(exact roots of the profile
#     deviance, see regression_helpers.R);
#   - table3 (linear): lm(max_hr ~ age * sex + chest_pain) with chest_pain's reference
#     "non-anginal"; HC3 standard errors by sandwich::vcovHC, t and p on the residual df and
#     95 % CIs b ± qt(0.975, df) SE.
#
# Tolerances: 1e-9 relative for the linear table (exact reference) and the logistic table
# (both fits converged far below it; see crates/neuronutri-stats/tests/reference_regression.rs).
#
#     Rscript scripts/stats/make_regression_report_fixture.R
suppressPackageStartupMessages({
  library(MASS)
  library(sandwich)
})
source("scripts/stats/regression_helpers.R")
out_file <- "crates/neuronutri-study/test_data/regression/reference.json"

d <- read.csv("examples/heart-disease-study/cohort.csv", na.strings = "")
d$sex <- factor(d$sex, levels = c("female", "male"))
d$chest_pain <- factor(d$chest_pain, levels = c("typical", "atypical", "non-anginal", "asymptomatic"))
d$disease <- as.integer(d$disease == "present")

entries <- list()
add <- function(pointer, expected, reference, rel = 1e-9) {
  entries[[length(entries) + 1]] <<- list(pointer = pointer, expected = expected,
                                          reference = reference, tol = list(rel = rel))
}

# --- table2: logistic ---------------------------------------------------------------------
f <- disease ~ age + sex + chest_pain + max_hr + st_depression + vessels
fit <- glm(f, data = d, family = binomial, control = ctl)
fit <- glm(f, data = d, family = binomial, control = ctl, start = coef(fit))
co <- summary(fit)$coefficients
wald <- confint.default(fit)
pe <- profile_exact(fit, model.matrix(fit), fit$y)
ref <- paste0("R ", getRversion(), " glm binomial + summary.glm")
base <- "/tables/1/results/logistic"
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
add(paste0(base, "/n"), nobs(fit), ref)
add(paste0(base, "/events"), sum(fit$y), ref)
add(paste0(base, "/dropped"), nrow(d) - nobs(fit), ref)
add(paste0(base, "/df_resid"), fit$df.residual, ref)
add(paste0(base, "/deviance"), deviance(fit), ref)
add(paste0(base, "/null_deviance"), fit$null.deviance, ref)
add(paste0(base, "/aic"), AIC(fit), ref)
lr <- fit$null.deviance - deviance(fit)
add(paste0(base, "/lr_chi2"), lr, ref)
add(paste0(base, "/lr_p_value"), pchisq(lr, length(coef(fit)) - 1, lower.tail = FALSE),
    "R pchisq of the deviance drop")

# --- table3: linear, interaction, HC3 -----------------------------------------------------
d3 <- d
d3$chest_pain <- relevel(d3$chest_pain, ref = "non-anginal")
lfit <- lm(max_hr ~ age * sex + chest_pain, data = d3)
s <- summary(lfit)
se3 <- sqrt(diag(vcovHC(lfit, type = "HC3")))
b <- coef(lfit)
t3 <- b / se3
df <- lfit$df.residual
p3 <- 2 * pt(-abs(t3), df)
q <- qt(0.975, df)
ref <- paste0("R ", getRversion(), " lm + sandwich ", packageVersion("sandwich"), " vcovHC HC3")
base <- "/tables/2/results/fit"
for (i in seq_along(b)) {
  p <- sprintf("%s/coefficients/%d", base, i - 1)
  add(paste0(p, "/name"), names(b)[i], "R model.matrix column name")
  add(paste0(p, "/estimate"), unname(b[i]), ref)
  add(paste0(p, "/std_error"), unname(se3[i]), ref)
  add(paste0(p, "/t"), unname(t3[i]), ref)
  add(paste0(p, "/p_value"), unname(p3[i]), ref)
  add(paste0(p, "/ci/0"), unname(b[i] - q * se3[i]), ref)
  add(paste0(p, "/ci/1"), unname(b[i] + q * se3[i]), ref)
}
add(paste0(base, "/n"), nobs(lfit), ref)
add(paste0(base, "/df_resid"), df, ref)
add(paste0(base, "/r_squared"), s$r.squared, ref)
add(paste0(base, "/adj_r_squared"), s$adj.r.squared, ref)
add(paste0(base, "/f"), unname(s$fstatistic[1]), ref)
add(paste0(base, "/covariance"), "HC3", "the option asked for")

dir.create(dirname(out_file), showWarnings = FALSE, recursive = TRUE)
json <- paste0("{\"generator\":\"scripts/stats/make_regression_report_fixture.R\",",
               "\"protocol\":\"examples/heart-disease-study/protocol.toml\",\"entries\":",
               to_json(entries), "}\n")
writeLines(json, out_file, sep = "")
cat("wrote", length(entries), "entries to", out_file, "\n")
