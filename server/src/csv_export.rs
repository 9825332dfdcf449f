//! Every CSV we produce goes through here: recruiters' downloads (semicolon-separated, UTF-8
//! with a BOM — what French spreadsheet software opens as is) and the public exports
//! (RFC 4180). A cell a stranger typed that starts like a formula is neutralised on the way.

use axum::http::header;
use axum::response::IntoResponse;
use serde::Serialize;
use std::borrow::Cow;

use crate::error::AppError;

/// OWASP's rule against CSV injection: a cell starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return opens as a formula in Excel or LibreOffice; a leading `'` makes it text.
pub fn neutralize(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Writes `records`, each cell neutralised, and returns the bytes.
fn write_neutralized<R, I, S>(
    mut writer: csv::Writer<Vec<u8>>,
    records: R,
) -> anyhow::Result<Vec<u8>>
where
    R: IntoIterator<Item = I>,
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    for record in records {
        let cells: Vec<String> = record
            .into_iter()
            .map(|cell| neutralize(cell.as_ref()).into_owned())
            .collect();
        writer.write_record(&cells)?;
    }
    Ok(writer.into_inner()?)
}

fn failed(error: impl std::fmt::Display) -> AppError {
    AppError::internal("CSV export failed", error)
}

/// The header line then the rows, for French spreadsheets.
pub fn french_csv<R, I>(header: &[&str], rows: R) -> Result<Vec<u8>, AppError>
where
    R: IntoIterator<Item = I>,
    I: IntoIterator<Item = String>,
{
    let header: Vec<String> = header.iter().map(|&h| h.to_owned()).collect();
    let records = std::iter::once(header).chain(rows.into_iter().map(|r| r.into_iter().collect()));
    let writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    let body = write_neutralized(writer, records).map_err(failed)?;
    Ok([b"\xEF\xBB\xBF".as_slice(), &body].concat())
}

/// `rows` as RFC 4180 CSV (commas, a header line named after the fields).
pub fn serialized_csv<T: Serialize>(rows: &[T]) -> Result<Vec<u8>, AppError> {
    serialized_csv_part(rows, true).map_err(failed)
}

/// `rows` as lines of RFC 4180 CSV, after the header line named after the fields when
/// `header` (the first part of a file written part after part).
pub fn serialized_csv_part<T: Serialize>(rows: &[T], header: bool) -> anyhow::Result<Vec<u8>> {
    let mut raw = csv::WriterBuilder::new()
        .has_headers(header)
        .from_writer(Vec::new());
    for row in rows {
        raw.serialize(row)?;
    }
    let raw = raw.into_inner()?;
    let records = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(raw.as_slice())
        .into_records()
        .collect::<Result<Vec<_>, _>>()?;
    write_neutralized(csv::Writer::from_writer(Vec::new()), &records)
}

/// The bytes as a CSV file to save under `filename`.
pub fn attachment(filename: &str, csv: Vec<u8>) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        csv,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORMULAS: [&str; 6] = ["=1+1", "+33 6", "-2+3", "@SUM(A1)", "\tx", "\rx"];

    #[test]
    fn formula_cells_open_as_text_in_recruiters_downloads() {
        let row: Vec<String> = FORMULAS
            .iter()
            .map(|&c| c.to_owned())
            .chain(["Inès".to_owned()])
            .collect();
        let csv = french_csv(&["a", "b", "c", "d", "e", "f", "g"], [row]).unwrap_or_default();
        let text = String::from_utf8_lossy(&csv);
        assert_eq!(
            text.lines().nth(1),
            Some("'=1+1;'+33 6;'-2+3;'@SUM(A1);'\tx;\"'\rx\";Inès"),
            "{text}"
        );
    }

    #[test]
    fn formula_cells_open_as_text_in_public_exports() {
        #[derive(Serialize)]
        struct Row {
            intitule: &'static str,
            salaire: i32,
        }
        let csv = serialized_csv(&[Row {
            intitule: "=HYPERLINK(\"https://exemple.fr\")",
            salaire: 42_000,
        }])
        .unwrap_or_default();
        assert_eq!(
            String::from_utf8_lossy(&csv),
            "intitule,salaire\n\"'=HYPERLINK(\"\"https://exemple.fr\"\")\",42000\n"
        );
    }
}
