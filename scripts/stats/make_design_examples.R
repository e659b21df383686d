#!/usr/bin/env Rscript
# Writes the cohorts of two example studies from data sets shipped with R's MASS package
# (GPL-2 | GPL-3; Venables and Ripley, Modern Applied Statistics with S), so the examples'
# data can be regenerated and checked:
#
#   - examples/birthweight-study/cohort.csv from MASS::birthwt (Hosmer and Lemeshow 1989,
#     Baystate Medical Center, Springfield, Mass., 1986): one row per mother in the package's
#     order with a mother number; codes written as words (race 1/2/3 -> white/black/other;
#     low, smoke, ht, ui 0/1 -> no/yes); every other value unchanged (age in years, lwt in
#     pounds, ptl and ftv counts, bwt in grams);
#   - examples/anorexia-paired-study/cohort.csv from MASS::anorexia (Hand, Daly, McConway,
#     Lunn and Ostrowski 1993, A Handbook of Small Data Sets, data set 285): the package's
#     wide rows (Treat, Prewt, Postwt) written long, one row per patient and occasion
#     (patient, treatment, occasion before/after, weight in pounds), patients numbered in the
#     package's order; treatment codes written out (CBT -> cbt, Cont -> control, FT -> family).
#
#     Rscript scripts/stats/make_design_examples.R
suppressPackageStartupMessages(library(MASS))
yn <- function(x) ifelse(x == 1, "yes", "no")
b <- MASS::birthwt
bw <- data.frame(
  mother = seq_len(nrow(b)),
  race = c("white", "black", "other")[b$race],
  age = b$age,
  lwt = b$lwt,
  smoke = yn(b$smoke),
  ptl = b$ptl,
  ht = yn(b$ht),
  ui = yn(b$ui),
  ftv = b$ftv,
  bwt = b$bwt,
  low = yn(b$low)
)
write.csv(bw, "examples/birthweight-study/cohort.csv", row.names = FALSE, quote = FALSE)

a <- MASS::anorexia
treat <- c(CBT = "cbt", Cont = "control", FT = "family")[as.character(a$Treat)]
n <- nrow(a)
long <- data.frame(
  patient = rep(seq_len(n), each = 2),
  treatment = rep(unname(treat), each = 2),
  occasion = rep(c("before", "after"), times = n),
  weight = as.vector(rbind(a$Prewt, a$Postwt))
)
write.csv(long, "examples/anorexia-paired-study/cohort.csv", row.names = FALSE, quote = FALSE)
cat("wrote", nrow(bw), "mothers and", n, "patients (MASS", as.character(packageVersion("MASS")), ")\n")
