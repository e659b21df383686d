//! Parquet files through the columnar (Arrow) reader of the `parquet` crate: only the
//! columns asked for are decoded (a projection of each row group), batch by batch, straight
//! into the typed columns. Numbers stay numbers (no text round trip); other values become
//! the texts the module documentation of [`super`] states. Nested columns (lists, maps,
//! structs) are not read here: the caller falls back to the record reader for such files.

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Date64Type, Decimal128Type, Decimal256Type, Decimal32Type, Decimal64Type,
    Float16Type, Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type,
    Time32MillisecondType, Time32SecondType, Time64MicrosecondType, Time64NanosecondType,
    TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{Array, ArrowPrimitiveType};
use arrow_schema::{DataType, TimeUnit};

use super::column::Builder;
use super::{date_text, decimal_text, float_text, time_text, timestamp_text};

/// Whether the columnar path reads a column of this type.
pub(super) fn supported(data_type: &DataType) -> bool {
    use DataType::*;
    match data_type {
        Null | Boolean | Int8 | Int16 | Int32 | Int64 | UInt8 | UInt16 | UInt32 | UInt64
        | Float16 | Float32 | Float64 | Utf8 | LargeUtf8 | Utf8View | Binary | LargeBinary
        | BinaryView | FixedSizeBinary(_) | Date32 | Date64 | Decimal32(..) | Decimal64(..)
        | Decimal128(..) | Decimal256(..) => true,
        Timestamp(..) => true,
        Time32(unit) => matches!(unit, TimeUnit::Second | TimeUnit::Millisecond),
        Time64(unit) => matches!(unit, TimeUnit::Microsecond | TimeUnit::Nanosecond),
        Dictionary(_, values) => supported(values) && !matches!(**values, Dictionary(..)),
        _ => false,
    }
}

/// An integer: its number, and its text when the number does not print it back.
fn integer(builder: &mut Builder, value: i128) {
    let number = value as f64;
    if number.abs() <= 9_007_199_254_740_992.0 {
        builder.push_number(number, None);
    } else {
        builder.push_number(number, Some(value.to_string()));
    }
}

fn integers<T>(builder: &mut Builder, array: &dyn Array)
where
    T: ArrowPrimitiveType,
    T::Native: Into<i128>,
{
    let array = array.as_primitive::<T>();
    for (row, &value) in array.values().iter().enumerate() {
        if array.is_null(row) {
            builder.push_missing();
        } else {
            integer(builder, value.into());
        }
    }
}

/// Appends every cell of `array` (of a [`supported`] type) to `builder`.
pub(super) fn append(builder: &mut Builder, array: &dyn Array) {
    use DataType::*;
    match array.data_type() {
        Int8 => integers::<Int8Type>(builder, array),
        Int16 => integers::<Int16Type>(builder, array),
        Int32 => integers::<Int32Type>(builder, array),
        Int64 => integers::<Int64Type>(builder, array),
        UInt8 => integers::<UInt8Type>(builder, array),
        UInt16 => integers::<UInt16Type>(builder, array),
        UInt32 => integers::<UInt32Type>(builder, array),
        UInt64 => integers::<UInt64Type>(builder, array),
        Float64 => {
            let array = array.as_primitive::<Float64Type>();
            for (row, &value) in array.values().iter().enumerate() {
                if array.is_null(row) || value.is_nan() {
                    builder.push_missing();
                } else if !value.is_finite() {
                    builder.push(&float_text(value).unwrap_or_default());
                } else if value == 0.0 || (1e-6..1e16).contains(&value.abs()) {
                    builder.push_number(value, None);
                } else {
                    builder.push_number(value, float_text(value));
                }
            }
        }
        Utf8 | LargeUtf8 | Utf8View => {
            let mut cell = |text: Option<&str>| match text {
                Some(text) => builder.push(text),
                None => builder.push_missing(),
            };
            match array.data_type() {
                Utf8 => array.as_string::<i32>().iter().for_each(&mut cell),
                LargeUtf8 => array.as_string::<i64>().iter().for_each(&mut cell),
                _ => array.as_string_view().iter().for_each(&mut cell),
            }
        }
        Dictionary(..) => {
            let Some(dictionary) = array.as_any_dictionary_opt() else {
                return;
            };
            let values = dictionary.values();
            let texts: Vec<Option<String>> = (0..values.len())
                .map(|i| cell_text(values.as_ref(), i))
                .collect();
            let keys = dictionary.normalized_keys();
            for (row, key) in keys.into_iter().enumerate() {
                match texts.get(key).filter(|_| array.is_valid(row)) {
                    Some(Some(text)) => builder.push(text),
                    _ => builder.push_missing(),
                }
            }
        }
        _ => {
            for row in 0..array.len() {
                match cell_text(array, row) {
                    Some(text) => builder.push(&text),
                    None => builder.push_missing(),
                }
            }
        }
    }
}

/// The text of one cell of a [`supported`] type; `None` for a null or a float NaN.
fn cell_text(array: &dyn Array, row: usize) -> Option<String> {
    use DataType::*;
    if array.is_null(row) {
        return None;
    }
    let text = match array.data_type() {
        Null => return None,
        Boolean => array.as_boolean().value(row).to_string(),
        Int8 => array.as_primitive::<Int8Type>().value(row).to_string(),
        Int16 => array.as_primitive::<Int16Type>().value(row).to_string(),
        Int32 => array.as_primitive::<Int32Type>().value(row).to_string(),
        Int64 => array.as_primitive::<Int64Type>().value(row).to_string(),
        UInt8 => array.as_primitive::<UInt8Type>().value(row).to_string(),
        UInt16 => array.as_primitive::<UInt16Type>().value(row).to_string(),
        UInt32 => array.as_primitive::<UInt32Type>().value(row).to_string(),
        UInt64 => array.as_primitive::<UInt64Type>().value(row).to_string(),
        Float16 => float_text(f32::from(array.as_primitive::<Float16Type>().value(row)))?,
        Float32 => float_text(array.as_primitive::<Float32Type>().value(row))?,
        Float64 => float_text(array.as_primitive::<Float64Type>().value(row))?,
        Utf8 => array.as_string::<i32>().value(row).to_owned(),
        LargeUtf8 => array.as_string::<i64>().value(row).to_owned(),
        Utf8View => array.as_string_view().value(row).to_owned(),
        Binary => String::from_utf8_lossy(array.as_binary::<i32>().value(row)).into_owned(),
        LargeBinary => String::from_utf8_lossy(array.as_binary::<i64>().value(row)).into_owned(),
        BinaryView => String::from_utf8_lossy(array.as_binary_view().value(row)).into_owned(),
        FixedSizeBinary(_) => {
            String::from_utf8_lossy(array.as_fixed_size_binary().value(row)).into_owned()
        }
        Date32 => date_text(i64::from(array.as_primitive::<Date32Type>().value(row))),
        Date64 => date_text(
            array
                .as_primitive::<Date64Type>()
                .value(row)
                .div_euclid(86_400_000),
        ),
        Decimal32(_, scale) => decimal_text(
            &array
                .as_primitive::<Decimal32Type>()
                .value(row)
                .to_be_bytes(),
            i32::from(*scale),
        ),
        Decimal64(_, scale) => decimal_text(
            &array
                .as_primitive::<Decimal64Type>()
                .value(row)
                .to_be_bytes(),
            i32::from(*scale),
        ),
        Decimal128(_, scale) => decimal_text(
            &array
                .as_primitive::<Decimal128Type>()
                .value(row)
                .to_be_bytes(),
            i32::from(*scale),
        ),
        Decimal256(_, scale) => decimal_text(
            &array
                .as_primitive::<Decimal256Type>()
                .value(row)
                .to_be_bytes(),
            i32::from(*scale),
        ),
        Timestamp(TimeUnit::Second, _) => timestamp_text(
            array
                .as_primitive::<TimestampSecondType>()
                .value(row)
                .saturating_mul(1_000),
            1_000,
        ),
        Timestamp(TimeUnit::Millisecond, _) => timestamp_text(
            array.as_primitive::<TimestampMillisecondType>().value(row),
            1_000,
        ),
        Timestamp(TimeUnit::Microsecond, _) => timestamp_text(
            array.as_primitive::<TimestampMicrosecondType>().value(row),
            1_000_000,
        ),
        Timestamp(TimeUnit::Nanosecond, _) => timestamp_text(
            array
                .as_primitive::<TimestampNanosecondType>()
                .value(row)
                .div_euclid(1_000),
            1_000_000,
        ),
        Time32(TimeUnit::Second) => time_text(
            i64::from(array.as_primitive::<Time32SecondType>().value(row)) * 1_000,
            1_000,
        ),
        Time32(_) => time_text(
            i64::from(array.as_primitive::<Time32MillisecondType>().value(row)),
            1_000,
        ),
        Time64(TimeUnit::Microsecond) => time_text(
            array.as_primitive::<Time64MicrosecondType>().value(row),
            1_000_000,
        ),
        Time64(_) => time_text(
            array
                .as_primitive::<Time64NanosecondType>()
                .value(row)
                .div_euclid(1_000),
            1_000_000,
        ),
        // dictionaries are read by `append`, and their values are never dictionaries
        _ => return None,
    };
    Some(text)
}
