pub use drink;
