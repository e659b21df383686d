#!/usr/bin/env Rscript
# Writes examples/veteran-survival-study/cohort.csv from the `veteran` data shipped with R's
# survival package (LGPL >= 2; Veterans' Administration lung cancer trial, Kalbfleisch and
# Prentice 1980), so the example's data can be regenerated and checked:
#
#   - one row per patient, in the package's order, with a patient number;
#   - codes written as words: trt 1/2 -> standard/test, prior 0/10 -> no/yes;
#   - every other value unchanged (time in days, status 1 = died, 0 = censored).
#
#     Rscript scripts/stats/make_survival_example.R
suppressPackageStartupMessages(library(survival))
v <- survival::veteran
out <- data.frame(
  patient = seq_len(nrow(v)),
  treatment = c("standard", "test")[v$trt],
  celltype = as.character(v$celltype),
  time = v$time,
  status = v$status,
  karno = v$karno,
  diagtime = v$diagtime,
  age = v$age,
  prior = ifelse(v$prior == 10, "yes", "no")
)
write.csv(out, "examples/veteran-survival-study/cohort.csv", row.names = FALSE, quote = FALSE)
cat("wrote", nrow(out), "rows (survival", as.character(packageVersion("survival")), ")\n")
