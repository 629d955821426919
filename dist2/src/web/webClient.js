export {};
//# sourceMappingURL=webClient.js.map