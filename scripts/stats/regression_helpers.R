# Shared by make_fixtures_regression.R and make_regression_report_fixture.R: a small JSON
# writer (Debian's base R has no jsonlite), the glm controls and the exact profile-likelihood
# interval ends.

num <- function(x) {
  if (is.na(x)) "null" else if (is.infinite(x)) if (x > 0) "\"Infinity\"" else "\"-Infinity\""
  else sprintf("%.17g", x)
}
str_json <- function(s) paste0("\"", gsub("\"", "\\\\\"", s), "\"")
to_json <- function(x) {
  if (is.null(x)) return("null")
  if (is.list(x)) {
    if (!is.null(names(x))) {
      parts <- mapply(function(k, v) paste0(str_json(k), ":", to_json(v)), names(x), x)
      return(paste0("{", paste(parts, collapse = ","), "}"))
    }
    return(paste0("[", paste(vapply(x, to_json, ""), collapse = ","), "]"))
  }
  if (inherits(x, "AsIs")) x <- unclass(x)
  if (is.character(x)) {
    v <- ifelse(is.na(x), "null", vapply(x, str_json, ""))
  } else if (is.logical(x)) {
    v <- ifelse(x, "true", "false")
  } else {
    v <- vapply(x, num, "")
  }
  if (length(x) == 1 && is.null(attr(x, "array"))) v else paste0("[", paste(v, collapse = ","), "]")
}
arr <- function(x) structure(x, array = TRUE)

# --- glm controls and exact profile ends ------------------------------------------------------
ctl <- glm.control(epsilon = 1e-14, maxit = 100)
# The constrained fits of the profile stop at 1e-12: at 1e-14 rounding noise in the deviance
# can keep a fit from ever meeting the criterion.
ctl_profile <- glm.control(epsilon = 1e-12, maxit = 100)

profile_exact <- function(fit, X, y, level = 0.95) {
  z <- qnorm((1 + level) / 2)
  b <- coef(fit)
  se <- sqrt(diag(vcov(fit)))
  dev0 <- deviance(fit)
  sapply(seq_along(b), function(j) {
    g <- function(bj) {
      off <- X[, j] * bj
      Xo <- X[, -j, drop = FALSE]
      # Newton's method with step halving on the constrained log-likelihood (glm.fit with
      # this offset can oscillate without converging, e.g. birthwt's intercept at -1.62),
      # started from the unconstrained estimates, to a deviance change below 1e-13.
      beta <- b[-j]
      dev_of <- function(beta) {
        eta <- drop(Xo %*% beta) + off
        -2 * sum(ifelse(y == 1, plogis(eta, log.p = TRUE), plogis(-eta, log.p = TRUE)))
      }
      dev <- dev_of(beta)
      for (it in 1:200) {
        eta <- drop(Xo %*% beta) + off
        mu <- plogis(eta)
        grad <- crossprod(Xo, y - mu)
        H <- crossprod(Xo * (mu * (1 - mu)), Xo)
        step <- drop(solve(H, grad))
        t <- 1
        repeat {
          new <- beta + t * step
          nd <- dev_of(new)
          if (is.finite(nd) && nd <= dev + 1e-12 * abs(dev)) break
          t <- t / 2
          if (t < 1e-10) stop("constrained Newton step failed")
        }
        change <- abs(dev - nd)
        beta <- new
        dev <- nd
        if (change < 1e-13 * (abs(dev) + 0.1) && max(abs(t * step)) < 1e-10) break
        if (it == 200) stop(sprintf("constrained fit of column %d at %g did not converge", j, bj))
      }
      f <- list(deviance = dev)
      sign(bj - b[j]) * sqrt(max(f$deviance - dev0, 0))
    }
    ends <- c(NA, NA)
    for (k in 1:2) {
      dir <- if (k == 1) -1 else 1
      target <- dir * z
      # Outward from the Wald end in steps of half a standard error, at most 64 steps.
      inner <- b[j]
      outer <- b[j] + dir * z * se[j]
      ok <- TRUE
      steps <- 0
      while ((g(outer) - target) * dir < 0) {
        inner <- outer
        steps <- steps + 1
        if (steps > 64) { ok <- FALSE; break }
        outer <- outer + dir * se[j] / 2
      }
      if (ok) {
        ends[k] <- uniroot(function(v) g(v) - target, sort(c(inner, outer)),
                           tol = 1e-13 * max(1, abs(b[j])), maxiter = 1000)$root
      }
    }
    ends
  })
}

