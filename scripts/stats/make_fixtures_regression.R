#!/usr/bin/env Rscript
# Writes crates/neuronutri-stats/test_data/reference_regression.json: the reference values of
# the regression kernels of issue 13 item 3, from R itself:
#
#   - linear models with factors (treatment coding, a chosen reference level) and
#     interactions: stats::lm + summary.lm (coefficient names as model.matrix writes them,
#     estimates, SE, t, p, R², adjusted R², F), the per-row diagnostics of plot.lm
#     (fitted, residuals, hatvalues, rstandard);
#   - HC3 standard errors: sandwich::vcovHC(fit, type = "HC3"), t and p on the residual
#     degrees of freedom (lmtest::coeftest's rule, written out here);
#   - logistic regression: stats::glm(family = binomial, control = glm.control(epsilon =
#     1e-14, maxit = 100)), refitted from its own estimates, + summary.glm (estimates, SE, z, p, deviance, null deviance, AIC);
#     Wald intervals confint.default(); profile-likelihood intervals twice: confint(fit)
#     (MASS's profile + spline interpolation, what R users see; R >= 4.4 has the same code
#     in stats) and the exact root of the signed square-root deviance profile found with
#     uniroot(tol = 1e-13) on constrained glm fits with an offset (what confint
#     approximates);
#   - separated outcomes, for which the Rust code must refuse (glm only warns).
#
# Needs Debian's r-base-core, r-cran-mass and r-cran-sandwich (R 4.2.2, MASS 7.3-58.2,
# sandwich 3.0-2 when written). Inputs are simulated with fixed seeds or come from data sets
# shipped with R (datasets::mtcars, datasets::warpbreaks, MASS::birthwt), so the file is
# reproducible:
#
#     Rscript scripts/stats/make_fixtures_regression.R      # a few seconds
suppressPackageStartupMessages({
  library(MASS)
  library(sandwich)
})

out_file <- "crates/neuronutri-stats/test_data/reference_regression.json"

source("scripts/stats/regression_helpers.R")

# A variable as the Rust test reads it.
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

cases <- list()
add <- function(case) cases[[length(cases) + 1]] <<- case

# --- linear models ----------------------------------------------------------------------------
lm_case <- function(name, data, outcome, terms, refs = list(), diagnostics = FALSE) {
  d <- data
  for (v in names(refs)) d[[v]] <- relevel(d[[v]], ref = refs[[v]])
  f <- as.formula(paste(outcome, "~", paste(terms, collapse = " + ")))
  fit <- lm(f, data = d)
  s <- summary(fit)
  co <- s$coefficients
  V <- vcovHC(fit, type = "HC3")
  se3 <- sqrt(diag(V))
  t3 <- co[, 1] / se3
  p3 <- 2 * pt(-abs(t3), df = fit$df.residual)
  vars <- unique(unlist(strsplit(terms, "[*:]")))
  vars <- trimws(vars)
  case <- list(
    name = name, kind = "ols",
    reference = paste0("R ", getRversion(), " lm + summary.lm; sandwich ",
                       packageVersion("sandwich"), " vcovHC(type = \"HC3\")"),
    outcome = variable(outcome, data[[outcome]]),
    variables = lapply(vars, function(v) variable(v, data[[v]], refs[[v]])),
    terms = arr(terms),
    expected = list(
      names = arr(rownames(co)), estimate = arr(co[, 1]), std_error = arr(co[, 2]),
      t = arr(co[, 3]), p_value = arr(co[, 4]),
      hc3_std_error = arr(unname(se3)), hc3_t = arr(unname(t3)), hc3_p_value = arr(unname(p3)),
      n = nobs(fit), df_resid = fit$df.residual,
      r_squared = s$r.squared, adj_r_squared = s$adj.r.squared,
      f = unname(s$fstatistic[1]), sigma = s$sigma
    )
  )
  if (diagnostics) {
    case$expected$fitted <- arr(unname(fitted(fit)))
    case$expected$residuals <- arr(unname(residuals(fit)))
    case$expected$leverage <- arr(unname(hatvalues(fit)))
    case$expected$standardized <- arr(unname(rstandard(fit)))
  }
  add(case)
}

set.seed(20261202)
n <- 90
sim <- data.frame(
  age = round(rnorm(n, 55, 12), 1),
  dose = round(runif(n, 0, 10), 2),
  stage = factor(sample(c("I", "II", "III"), n, replace = TRUE), levels = c("I", "II", "III")),
  sex = factor(sample(c("female", "male"), n, replace = TRUE))
)
sim$y <- with(sim, 3 + 0.05 * age + 0.4 * dose + c(0, 1.2, 2.5)[as.integer(stage)] +
  0.8 * (sex == "male") + 0.03 * dose * (sex == "male") + rnorm(n, 0, 1 + 0.05 * dose))
sim_na <- sim
sim_na$age[c(3, 17)] <- NA
sim_na$stage[c(5, 40)] <- NA

lm_case("ols factor (reference II) + numeric", sim, "y", c("age", "stage"),
        refs = list(stage = "II"), diagnostics = TRUE)
lm_case("ols numeric*factor interaction", sim, "y", c("dose*sex", "age"))
lm_case("ols factor*factor interaction", sim, "y", c("stage*sex"), refs = list(stage = "III"))
lm_case("ols numeric:numeric interaction", sim, "y", c("age*dose"))
lm_case("ols missing values in a factor and a numeric", sim_na, "y", c("age", "stage", "dose"),
        diagnostics = TRUE)
mt <- mtcars
mt$cyl <- factor(mt$cyl)
mt$am <- factor(ifelse(mt$am == 1, "manual", "automatic"))
lm_case("ols mtcars mpg ~ wt + cyl (reference 4)", mt, "mpg", c("wt", "cyl"), diagnostics = TRUE)
lm_case("ols mtcars mpg ~ wt*am", mt, "mpg", c("wt*am"))
lm_case("ols warpbreaks breaks ~ wool*tension (reference M)", warpbreaks, "breaks",
        c("wool*tension"), refs = list(tension = "M"))

# --- logistic models ---------------------------------------------------------------------------
logit_case <- function(name, data, outcome, terms, refs = list(), profile = TRUE) {
  d <- data
  for (v in names(refs)) d[[v]] <- relevel(d[[v]], ref = refs[[v]])
  f <- as.formula(paste(outcome, "~", paste(terms, collapse = " + ")))
  message(name)
  fit <- glm(f, data = d, family = binomial, control = ctl)
  # summary.glm takes the weights of the last step's start; refitting from the estimates makes
  # that start the estimate itself, so the SEs are the information at the maximum (a plain
  # fit's SEs can lag by ~1e-7 relative when the last step was still moving that much).
  fit <- glm(f, data = d, family = binomial, control = ctl, start = coef(fit))
  s <- summary(fit)
  co <- s$coefficients
  X <- model.matrix(fit)
  y <- fit$y
  wald <- confint.default(fit)
  vars <- trimws(unique(unlist(strsplit(terms, "[*:]"))))
  case <- list(
    name = name, kind = "logistic",
    reference = paste0("R ", getRversion(), " glm(binomial, epsilon = 1e-14) + summary.glm; ",
                       "confint.default; MASS ", packageVersion("MASS"),
                       " confint (profile + spline); exact profile roots by uniroot"),
    outcome = variable(outcome, as.numeric(data[[outcome]])),
    variables = lapply(vars, function(v) variable(v, data[[v]], refs[[v]])),
    terms = arr(terms),
    expected = list(
      names = arr(rownames(co)), estimate = arr(co[, 1]), std_error = arr(co[, 2]),
      z = arr(co[, 3]), p_value = arr(co[, 4]),
      wald_lower = arr(unname(wald[, 1])), wald_upper = arr(unname(wald[, 2])),
      n = nobs(fit), df_resid = fit$df.residual, events = sum(y),
      deviance = deviance(fit), null_deviance = fit$null.deviance, aic = AIC(fit),
      converged = fit$converged
    )
  )
  if (profile) {
    pe <- profile_exact(fit, X, y)
    ci <- suppressMessages(confint(fit))
    case$expected$profile_lower <- arr(pe[1, ])
    case$expected$profile_upper <- arr(pe[2, ])
    case$expected$confint_lower <- arr(unname(ci[, 1]))
    case$expected$confint_upper <- arr(unname(ci[, 2]))
  }
  add(case)
}

mt2 <- mtcars
logit_case("logistic mtcars am ~ wt + hp", mt2, "am", c("wt", "hp"))
bw <- birthwt
bw$race <- factor(c("white", "black", "other")[bw$race], levels = c("white", "black", "other"))
bw$smoke <- factor(ifelse(bw$smoke == 1, "yes", "no"), levels = c("no", "yes"))
logit_case("logistic birthwt low ~ age + lwt + race + smoke", bw, "low",
           c("age", "lwt", "race", "smoke"))
logit_case("logistic birthwt low ~ lwt + race (reference black) + smoke*age", bw, "low",
           c("lwt", "race", "smoke*age"), refs = list(race = "black"))
set.seed(7)
m <- 400
ls <- data.frame(x = rnorm(m), g = factor(sample(c("a", "b", "c", "d"), m, replace = TRUE)))
ls$y <- rbinom(m, 1, plogis(-0.5 + 0.9 * ls$x + c(0, 0.5, -0.7, 1.1)[as.integer(ls$g)]))
logit_case("logistic simulated n=400 x + g (4 levels, reference c)", ls, "y", c("x", "g"),
           refs = list(g = "c"))
set.seed(11)
rare <- data.frame(x = rnorm(60))
rare$y <- rbinom(60, 1, plogis(-2.5 + 0.8 * rare$x))
logit_case("logistic rare events n=60", rare, "y", c("x"))

# Separation: glm warns and returns huge estimates; the Rust code must refuse.
sep <- function(name, x, y) {
  fit <- suppressWarnings(glm(y ~ x, family = binomial, control = ctl))
  add(list(name = name, kind = "logistic-separated",
           reference = paste0("R ", getRversion(), " glm warns: fitted probabilities ",
                              "numerically 0 or 1 occurred"),
           outcome = variable("y", y), variables = list(variable("x", x)), terms = arr("x"),
           expected = list(r_estimate_x = unname(coef(fit)[2]))))
}
sep("logistic complete separation", c(1, 2, 3, 4, 5, 6, 7, 8), c(0, 0, 0, 0, 1, 1, 1, 1))
sep("logistic quasi-complete separation", c(1, 2, 3, 4, 4, 4, 5, 6, 7, 8),
    c(0, 0, 0, 0, 1, 0, 1, 1, 1, 1))

json <- paste0("{\"generator\":\"scripts/stats/make_fixtures_regression.R\",\"r_version\":",
               str_json(as.character(getRversion())), ",\"cases\":", to_json(cases), "}\n")
writeLines(json, out_file, sep = "")
cat("wrote", length(cases), "cases to", out_file, "\n")
