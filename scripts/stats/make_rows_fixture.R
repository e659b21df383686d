#!/usr/bin/env Rscript
# Writes crates/neuronutri-study/test_data/rows/reference.json: what R computes for the
# tables of crates/neuronutri-study/test_data/rows/protocol.toml on the Heart Disease cohort
# (examples/heart-disease-study/cohort.csv), each value with the JSON pointer of the same
# number in the study's report.json:
#
#   - t1: per group (typical, atypical chest pain) the number of missing values of each
#     variable, and the group sizes;
#   - t2/t3: cor.test (Pearson on every row; Spearman on the rows of the two groups) with
#     its complete pairs n and the rows left out;
#   - t4/t5: lm on every row / the two groups' rows (listwise deletion: n and rows left out);
#   - t6: glm(binomial) on every row;
#   - t7: lm on the rows of the group "atypical".
#
# Tolerance 1e-9 relative (exact references; the logistic fit converges at epsilon 1e-14).
#
#     Rscript scripts/stats/make_rows_fixture.R
source("scripts/stats/regression_helpers.R")
out_file <- "crates/neuronutri-study/test_data/rows/reference.json"

d <- read.csv("examples/heart-disease-study/cohort.csv", na.strings = "")
d$sex <- factor(d$sex, levels = c("female", "male"))
d$disease <- as.integer(d$disease == "present")
groups <- c("typical", "atypical")
g <- d[d$chest_pain %in% groups, ]

entries <- list()
add <- function(pointer, expected, reference, rel = 1e-9) {
  entries[[length(entries) + 1]] <<- list(pointer = pointer, expected = expected,
                                          reference = reference, tol = list(rel = rel))
}

# --- t1: group sizes and missing values per group ----------------------------------------
for (k in seq_along(groups)) {
  rows <- d[d$chest_pain == groups[k], ]
  add(sprintf("/tables/0/results/groups/%d/n", k - 1), nrow(rows), "R nrow")
  add(sprintf("/tables/0/results/rows/0/groups/%d/missing", k - 1), sum(is.na(rows$age)),
      "R sum(is.na)")
  add(sprintf("/tables/0/results/rows/1/groups/%d/missing", k - 1), sum(is.na(rows$vessels)),
      "R sum(is.na)")
  add(sprintf("/tables/0/results/rows/2/missing/%d", k - 1), sum(is.na(rows$sex)),
      "R sum(is.na)")
}

# --- t2, t3: correlations ---------------------------------------------------------------
pairs <- list(c("age", "max_hr"), c("age", "vessels"))
corr <- function(table, frame, method) {
  for (j in seq_along(pairs)) {
    x <- frame[[pairs[[j]][1]]]
    y <- frame[[pairs[[j]][2]]]
    ok <- !is.na(x) & !is.na(y)
    ct <- suppressWarnings(cor.test(x, y, method = method))
    ref <- paste0("R ", getRversion(), " cor.test ", method)
    p <- sprintf("/tables/%d/results/rows/%d", table, j - 1)
    add(paste0(p, "/coefficient"), unname(ct$estimate), ref)
    add(paste0(p, "/p_value"), ct$p.value, ref)
    add(paste0(p, "/n"), sum(ok), "R complete pairs")
    add(paste0(p, "/dropped"), nrow(frame) - sum(ok), "R rows minus complete pairs")
  }
}
corr(1, d, "pearson")
corr(2, g, "spearman")

# --- t4, t5, t7: linear models ----------------------------------------------------------
linear <- function(table, frame, f) {
  fit <- lm(f, data = frame)
  co <- summary(fit)$coefficients
  ref <- paste0("R ", getRversion(), " lm + summary.lm")
  base <- sprintf("/tables/%d/results/fit", table)
  for (i in seq_len(nrow(co))) {
    p <- sprintf("%s/coefficients/%d", base, i - 1)
    add(paste0(p, "/name"), rownames(co)[i], "R model.matrix column name")
    add(paste0(p, "/estimate"), co[i, 1], ref)
    add(paste0(p, "/std_error"), co[i, 2], ref)
    add(paste0(p, "/p_value"), co[i, 4], ref)
  }
  add(paste0(base, "/n"), nobs(fit), ref)
  add(paste0(base, "/dropped"), nrow(frame) - nobs(fit), "R rows minus nobs")
  add(paste0(base, "/r_squared"), summary(fit)$r.squared, ref)
}
linear(3, d, max_hr ~ age + vessels + sex)
linear(4, g, max_hr ~ age + vessels + sex)
linear(6, d[d$chest_pain == "atypical", ], max_hr ~ age + vessels)

# --- t6: logistic -----------------------------------------------------------------------
f <- disease ~ age + vessels
fit <- glm(f, data = d, family = binomial, control = ctl)
fit <- glm(f, data = d, family = binomial, control = ctl, start = coef(fit))
co <- summary(fit)$coefficients
ref <- paste0("R ", getRversion(), " glm binomial + summary.glm")
base <- "/tables/5/results/logistic"
for (i in seq_len(nrow(co))) {
  p <- sprintf("%s/coefficients/%d", base, i - 1)
  add(paste0(p, "/estimate"), co[i, 1], ref)
  add(paste0(p, "/std_error"), co[i, 2], ref)
  add(paste0(p, "/p_value"), co[i, 4], ref)
}
add(paste0(base, "/n"), nobs(fit), ref)
add(paste0(base, "/dropped"), nrow(d) - nobs(fit), "R rows minus nobs")

dir.create(dirname(out_file), showWarnings = FALSE, recursive = TRUE)
json <- paste0("{\"generator\":\"scripts/stats/make_rows_fixture.R\",",
               "\"protocol\":\"crates/neuronutri-study/test_data/rows/protocol.toml\",",
               "\"entries\":", to_json(entries), "}\n")
writeLines(json, out_file, sep = "")
cat("wrote", length(entries), "entries to", out_file, "\n")
