//! CSV downloads for recruiters: semicolon-separated, UTF-8 with a BOM — what French
//! spreadsheet software opens as is.

use axum::http::header;
use axum::response::IntoResponse;

use crate::error::AppError;

/// The header line then the rows.
pub fn french_csv<R, I>(header: &[&str], rows: R) -> Result<Vec<u8>, AppError>
where
    R: IntoIterator<Item = I>,
    I: IntoIterator<Item = String>,
{
    let write = || -> anyhow::Result<Vec<u8>> {
        let mut out = b"\xEF\xBB\xBF".to_vec();
        {
            let mut writer = csv::WriterBuilder::new()
                .delimiter(b';')
                .from_writer(&mut out);
            writer.write_record(header)?;
            for row in rows {
                writer.write_record(row)?;
            }
            writer.flush()?;
        }
        Ok(out)
    };
    write().map_err(|error| AppError::internal("CSV export failed", error))
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
