//! The body of a CDS service call, validated ("Calling a CDS Service › HTTP Request" and
//! the hook's context), and the FHIR Bundle built from its prefetch ("Providing FHIR
//! Resources to a CDS Service").

use serde_json::Value;

/// A validated call.
#[derive(Debug)]
pub struct CdsRequest {
    /// `hookInstance`.
    pub hook_instance: String,
    /// `context.patientId`.
    pub patient_id: String,
    /// `context.draftOrders` of order-sign: the MedicationRequests (and other resources).
    pub draft_orders: Vec<Value>,
    /// `fhirServer`, if given.
    pub fhir_server: Option<String>,
    access_token: Option<String>,
    prefetch: Option<serde_json::Map<String, Value>>,
}

/// A draft order placed in the assessed Bundle.
#[derive(Clone, Debug)]
pub struct DraftOrder {
    /// Its entry index in the Bundle (the rules' inputs name it).
    pub entry: usize,
    /// `MedicationRequest/{id}`, when the order has an id.
    pub reference: Option<String>,
}

/// Why the prefetch cannot be assessed.
#[derive(Debug)]
pub enum GatherError {
    /// The data given is wrong (400).
    Invalid(String),
    /// Data is missing and cannot be fetched (412).
    Incomplete(String),
}

/// What the call gives the engine.
#[derive(Debug)]
pub struct Gathered {
    /// The Bundle to assess.
    pub bundle: String,
    /// The draft orders in it.
    pub draft_orders: Vec<DraftOrder>,
}

fn non_empty_str<'a>(value: &'a Value, field: &str) -> Result<&'a str, String> {
    match value.get(field) {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s),
        Some(Value::String(_)) => Err(format!("{field}: empty")),
        Some(other) => Err(format!("{field}: expected a string, found {}", kind(other))),
        None => Err(format!("{field}: required")),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl CdsRequest {
    /// Parses and validates a call of `hook`. The error names the field.
    pub fn parse(body: &[u8], hook: &str) -> Result<CdsRequest, String> {
        let mut value: Value =
            serde_json::from_slice(body).map_err(|e| format!("the body is not JSON: {e}"))?;
        if !value.is_object() {
            return Err(format!(
                "the body must be a JSON object, found {}",
                kind(&value)
            ));
        }
        // "HTTP Request": hook, hookInstance and context are REQUIRED.
        let called = non_empty_str(&value, "hook")?;
        if called != hook {
            return Err(format!(
                "hook: '{called}' but this service answers '{hook}'"
            ));
        }
        let hook_instance = non_empty_str(&value, "hookInstance")?.to_string();
        // "fhirServer … If fhirAuthorization is provided, this field is REQUIRED."
        let fhir_server = match value.get("fhirServer") {
            None => None,
            Some(_) => Some(non_empty_str(&value, "fhirServer")?.to_string()),
        };
        if let Some(auth) = value.get("fhirAuthorization") {
            if fhir_server.is_none() {
                return Err("fhirAuthorization is given without fhirServer".into());
            }
            if !auth.is_object() {
                return Err("fhirAuthorization: expected an object".into());
            }
            for field in ["access_token", "token_type", "scope", "subject"] {
                non_empty_str(auth, field).map_err(|e| format!("fhirAuthorization.{e}"))?;
            }
            // "fhirAuthorization › token_type: Fixed value: Bearer".
            if !auth["token_type"]
                .as_str()
                .is_some_and(|t| t.eq_ignore_ascii_case("bearer"))
            {
                return Err("fhirAuthorization.token_type: must be Bearer".into());
            }
        }
        let access_token = value
            .pointer("/fhirAuthorization/access_token")
            .and_then(Value::as_str)
            .map(str::to_string);
        let context = match value.get("context") {
            Some(Value::Object(_)) => &value["context"],
            Some(other) => {
                return Err(format!(
                    "context: expected an object, found {}",
                    kind(other)
                ))
            }
            None => return Err("context: required".into()),
        };
        // patient-view and order-sign: userId and patientId REQUIRED, encounterId OPTIONAL.
        non_empty_str(context, "userId").map_err(|e| format!("context.{e}"))?;
        let patient_id = non_empty_str(context, "patientId")
            .map_err(|e| format!("context.{e}"))?
            .to_string();
        if let Some(encounter) = context.get("encounterId") {
            if !encounter.is_string() {
                return Err("context.encounterId: expected a string".into());
            }
        }
        let mut draft_orders = Vec::new();
        if hook == "order-sign" {
            // order-sign: draftOrders REQUIRED, a Bundle of the orders being signed.
            let bundle = context
                .get("draftOrders")
                .ok_or("context.draftOrders: required for order-sign")?;
            if bundle.get("resourceType").and_then(Value::as_str) != Some("Bundle") {
                return Err("context.draftOrders: expected a FHIR Bundle".into());
            }
            if let Some(entries) = bundle.get("entry") {
                let entries = entries
                    .as_array()
                    .ok_or("context.draftOrders.entry: expected an array")?;
                for (n, entry) in entries.iter().enumerate() {
                    let resource =
                        entry
                            .get("resource")
                            .filter(|r| r.is_object())
                            .ok_or_else(|| {
                                format!("context.draftOrders.entry[{n}].resource: required")
                            })?;
                    draft_orders.push(resource.clone());
                }
            }
        }
        // Taken out of the body, not copied.
        let prefetch = match value.as_object_mut().and_then(|m| m.remove("prefetch")) {
            None => None,
            Some(Value::Object(map)) => Some(map),
            Some(other) => {
                return Err(format!(
                    "prefetch: expected an object, found {}",
                    kind(&other)
                ))
            }
        };
        Ok(CdsRequest {
            hook_instance,
            patient_id,
            draft_orders,
            fhir_server,
            access_token,
            prefetch,
        })
    }

    /// The prefetch keys whose data must still be fetched, with the reason.
    ///
    /// Per key ("Providing FHIR Resources to a CDS Service › Prefetch Template"): absent
    /// means the client did not provide it, an OperationOutcome means its query failed, a
    /// Bundle with a `next` link is one page of more; all three leave the data incomplete.
    /// `null` means there is no such data (nothing to fetch).
    pub fn missing(&self) -> Vec<(&'static str, String)> {
        super::PREFETCH_KEYS
            .into_iter()
            .filter_map(|key| {
                let value = self.prefetch.as_ref().and_then(|p| p.get(key));
                needs_fetch(value).map(|reason| (key, reason))
            })
            .collect()
    }

    /// Puts data fetched for `key` in place of what the prefetch held.
    pub fn supply(&mut self, key: &str, value: Value) {
        self.prefetch
            .get_or_insert_with(Default::default)
            .insert(key.to_string(), value);
    }

    /// `fhirAuthorization.access_token`, when given.
    pub fn access_token(&self) -> Option<&str> {
        self.access_token.as_deref()
    }

    /// The Bundle to assess from the prefetch (completed by [`CdsRequest::supply`]), or
    /// why the data is incomplete (→ 412).
    pub fn gather(&self) -> Result<Gathered, GatherError> {
        let missing = self.missing();
        if !missing.is_empty() {
            let text: Vec<String> = missing
                .iter()
                .map(|(key, reason)| format!("{key} ({reason})"))
                .collect();
            return Err(GatherError::Incomplete(format!(
                "the data needed is incomplete: {}",
                text.join("; ")
            )));
        }
        let mut resources: Vec<&Value> = Vec::new();
        for key in super::PREFETCH_KEYS {
            let Some(v) = self.prefetch.as_ref().and_then(|p| p.get(key)) else {
                continue;
            };
            match v.get("resourceType").and_then(Value::as_str) {
                None if v.is_null() => {}
                Some("Bundle") => {
                    for entry in v
                        .get("entry")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                    {
                        if entry.pointer("/search/mode").and_then(Value::as_str) == Some("outcome")
                        {
                            continue;
                        }
                        if let Some(resource) = entry.get("resource") {
                            if resource.get("resourceType").is_some() {
                                resources.push(resource);
                            }
                        }
                    }
                }
                Some("Patient") if key == "patient" => {
                    if v.get("id").and_then(Value::as_str) != Some(self.patient_id.as_str()) {
                        return Err(GatherError::Invalid(format!(
                            "prefetch.patient is not context.patientId '{}'",
                            self.patient_id
                        )));
                    }
                    resources.push(v);
                }
                Some(other) => {
                    return Err(GatherError::Invalid(format!(
                        "prefetch.{key}: a {other} is not an answer to its template"
                    )))
                }
                None => {
                    return Err(GatherError::Invalid(format!(
                        "prefetch.{key}: not a FHIR resource"
                    )))
                }
            }
        }
        let mut entries: Vec<String> = resources.iter().map(|r| r.to_string()).collect();
        let mut draft_orders = Vec::new();
        for order in &self.draft_orders {
            let mut order = order.clone();
            let reference = match (
                order.get("resourceType").and_then(Value::as_str),
                order.get("id").and_then(Value::as_str),
            ) {
                (Some(t), Some(id)) => Some(format!("{t}/{id}")),
                _ => None,
            };
            // A draft is assessed as if signed: the model leaves draft orders out.
            if order.get("resourceType").and_then(Value::as_str) == Some("MedicationRequest") {
                order["status"] = Value::String("active".into());
            }
            draft_orders.push(DraftOrder {
                entry: entries.len(),
                reference,
            });
            entries.push(order.to_string());
        }
        let mut bundle = String::from(r#"{"resourceType":"Bundle","type":"collection","entry":["#);
        for (n, e) in entries.iter().enumerate() {
            if n > 0 {
                bundle.push(',');
            }
            bundle.push_str(r#"{"resource":"#);
            bundle.push_str(e);
            bundle.push('}');
        }
        bundle.push_str("]}");
        Ok(Gathered {
            bundle,
            draft_orders,
        })
    }
}

/// Why the data of one prefetch key must be fetched, or `None` when it is usable (a
/// resource, a complete Bundle, or `null` for "no such data").
fn needs_fetch(value: Option<&Value>) -> Option<String> {
    let value = match value {
        None => return Some("not provided".into()),
        Some(Value::Null) => return None,
        Some(v) => v,
    };
    match value.get("resourceType").and_then(Value::as_str) {
        Some("OperationOutcome") => Some("the client reported an OperationOutcome".into()),
        Some("Bundle") => {
            let paged = value
                .get("link")
                .and_then(Value::as_array)
                .is_some_and(|links| {
                    links
                        .iter()
                        .any(|l| l.get("relation").and_then(Value::as_str) == Some("next"))
                });
            if paged {
                return Some("only the first page was provided".into());
            }
            let failed = value
                .get("entry")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .any(|entry| {
                    entry
                        .pointer("/resource/resourceType")
                        .and_then(Value::as_str)
                        == Some("OperationOutcome")
                        && entry.pointer("/search/mode").and_then(Value::as_str) != Some("outcome")
                });
            failed.then(|| "the search returned an OperationOutcome".into())
        }
        _ => None,
    }
}
