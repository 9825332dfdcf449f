//! The tantivy index: its schema, the French tokenizer plugged into it, and the writes.

use std::path::Path;
use tantivy::schema::{IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use super::analysis;
use super::documents::OfferDocument;

/// Name of the French analyser in tantivy's tokenizer registry.
const FRENCH: &str = "fr";

/// The searchable fields, with the weight of a match in each: what a candidate reads first
/// (the title, the métier) counts most, the long description least.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    Title,
    Metier,
    Entity,
    Place,
    Facts,
    Body,
}

impl TextField {
    pub const ALL: [TextField; 6] = [
        TextField::Title,
        TextField::Metier,
        TextField::Entity,
        TextField::Place,
        TextField::Facts,
        TextField::Body,
    ];

    pub fn weight(self) -> f32 {
        match self {
            TextField::Title => 4.0,
            TextField::Metier => 3.0,
            TextField::Entity => 2.0,
            TextField::Place | TextField::Facts => 1.5,
            TextField::Body => 1.0,
        }
    }

    fn name(self) -> &'static str {
        match self {
            TextField::Title => "title",
            TextField::Metier => "metier",
            TextField::Entity => "entity",
            TextField::Place => "place",
            TextField::Facts => "facts",
            TextField::Body => "body",
        }
    }
}

/// [`analysis::analyze`] as a tantivy tokenizer.
#[derive(Clone, Default)]
struct FrenchTokenizer {
    tokens: Vec<Token>,
}

struct FrenchTokenStream<'a> {
    tokens: &'a mut [Token],
    next: usize,
}

impl Tokenizer for FrenchTokenizer {
    type TokenStream<'a> = FrenchTokenStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &str) -> FrenchTokenStream<'a> {
        self.tokens = analysis::analyze(text)
            .into_iter()
            .map(|t| Token {
                offset_from: t.from,
                offset_to: t.to,
                position: t.position,
                text: t.text,
                position_length: 1,
            })
            .collect();
        FrenchTokenStream {
            tokens: &mut self.tokens,
            next: 0,
        }
    }
}

/// `token` and `token_mut` are only called after `advance` returned true.
impl TokenStream for FrenchTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next.saturating_sub(1)]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next.saturating_sub(1)]
    }
}

/// The fields of the index, to build queries with.
#[derive(Clone, Copy)]
pub struct Fields {
    id: tantivy::schema::Field,
    text: [tantivy::schema::Field; 6],
}

impl Fields {
    pub fn field(&self, field: TextField) -> tantivy::schema::Field {
        self.text[field as usize]
    }
}

/// The index and its writer.
pub struct OfferIndex {
    pub reader: IndexReader,
    writer: IndexWriter,
    fields: Fields,
}

/// Memory the writer may use before flushing a segment.
const WRITER_MEMORY: usize = 64 * 1024 * 1024;

impl OfferIndex {
    /// A new empty index, in memory or in `dir` (emptied first).
    pub fn create(dir: Option<&Path>) -> tantivy::Result<(Self, Fields)> {
        let mut builder = Schema::builder();
        let id = builder.add_u64_field("id", NumericOptions::default().set_indexed().set_fast());
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(FRENCH)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let text = TextField::ALL.map(|f| builder.add_text_field(f.name(), text.clone()));
        let schema = builder.build();
        let index = match dir {
            None => Index::create_in_ram(schema),
            Some(dir) => {
                if dir.exists() {
                    std::fs::remove_dir_all(dir)?;
                }
                std::fs::create_dir_all(dir)?;
                Index::create_in_dir(dir, schema)?
            }
        };
        index
            .tokenizers()
            .register(FRENCH, FrenchTokenizer::default());
        let writer = index.writer_with_num_threads(1, WRITER_MEMORY)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let fields = Fields { id, text };
        Ok((
            Self {
                reader,
                writer,
                fields,
            },
            fields,
        ))
    }

    /// Adds an offer's document (building: no older one to replace).
    pub fn add(&mut self, doc: Option<&OfferDocument>) -> tantivy::Result<()> {
        let Some(d) = doc else { return Ok(()) };
        let mut document = TantivyDocument::default();
        document.add_u64(self.fields.id, d.id as u64);
        for (field, text) in [
            (TextField::Title, &d.title),
            (TextField::Metier, &d.metier),
            (TextField::Entity, &d.entity),
            (TextField::Place, &d.place),
            (TextField::Facts, &d.facts),
            (TextField::Body, &d.body),
        ] {
            document.add_text(self.fields.field(field), text);
        }
        self.writer.add_document(document)?;
        Ok(())
    }

    /// Replaces offer `id`'s document (or removes it when `doc` is `None`); visible after
    /// [`Self::commit`].
    pub fn put(&mut self, id: i64, doc: Option<&OfferDocument>) -> tantivy::Result<()> {
        self.writer
            .delete_term(Term::from_field_u64(self.fields.id, id as u64));
        self.add(doc)
    }

    pub fn commit(&mut self) -> tantivy::Result<()> {
        self.writer.commit()?;
        self.reader.reload()
    }
}

/// Bytes of the files in `dir`.
pub fn size_on_disk(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}
